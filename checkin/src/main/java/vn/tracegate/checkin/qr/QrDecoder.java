package vn.tracegate.checkin.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import vn.tracegate.checkin.Rejection;

/**
 * Reads the QR code in a camera frame (PNG or JPEG) sent by a scanner that cannot decode itself.
 * The dimensions are read from the header and checked before any pixel is decoded, so a small
 * file announcing a huge image cannot exhaust memory. Every bad input ends in a {@link Rejection}:
 *
 * <ul>
 *   <li>TOO_LARGE (413) IMAGE_TOO_LARGE: wider or taller than 4096 pixels, or above 4 MP; 413
 *       because the scanner must send a smaller frame, like a body over the size limit;
 *   <li>UNPROCESSABLE (422) IMAGE_UNREADABLE: empty, not PNG/JPEG, truncated or damaged;
 *   <li>UNPROCESSABLE (422) QR_NOT_FOUND: an image, but no QR code could be read in it.
 * </ul>
 *
 * <p>CPU- and memory-heavy (a 4 MP frame holds ~16 MB and up to a second of CPU on this machine
 * kind while decoding; a scanner's frame is 0.3-2 MP): run it off the event loop, with bounded
 * concurrency. Stateless and thread-safe.
 */
public final class QrDecoder {

  /** Largest width or height accepted, in pixels. */
  public static final int MAX_SIDE = 4096;
  /** Largest number of pixels accepted: 4 MP, twice a 1080p frame. */
  public static final long MAX_PIXELS = 4L * 1024 * 1024;

  private static final Map<DecodeHintType, Object> HINTS = hints();
  private static final Map<DecodeHintType, Object> PURE = Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE,
      DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));

  /**
   * The text of the QR code in {@code image}.
   *
   * @throws Rejection IMAGE_TOO_LARGE (413), IMAGE_UNREADABLE or QR_NOT_FOUND (422)
   */
  public String decode(byte[] image) {
    if (image == null || image.length == 0) {
      throw unreadable("the image is empty");
    }
    return find(read(image));
  }

  private static BufferedImage read(byte[] bytes) {
    // A memory-backed stream: ImageIO's default may spill to temporary files.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw unreadable("the body is not a PNG or JPEG image");
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!format.equals("png") && !format.equals("jpeg")) {
          throw unreadable("the body is a " + format + " image; send PNG or JPEG");
        }
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
          throw new Rejection(Rejection.Kind.TOO_LARGE, "IMAGE_TOO_LARGE",
              "the image is " + width + "x" + height + " pixels; send at most " + MAX_SIDE
                  + " pixels a side and " + MAX_PIXELS / (1024 * 1024) + " megapixels (e.g. 1920x1080)");
        }
        BufferedImage pixels = reader.read(0);
        if (pixels == null) {
          throw unreadable("the image has no pixels");
        }
        return pixels;
      } finally {
        reader.dispose();
      }
    } catch (Rejection r) {
      throw r;
    } catch (IOException | RuntimeException e) {
      throw unreadable("the image is truncated or damaged");
    }
  }

  private static String find(BufferedImage image) {
    LuminanceSource source;
    try {
      source = new BufferedImageLuminanceSource(image);
    } catch (RuntimeException e) {
      throw unreadable("the image's pixel format cannot be read");
    }
    for (Binarizer binarizer : List.of(new HybridBinarizer(source),
        new GlobalHistogramBinarizer(source))) {
      try {
        return new MultiFormatReader().decode(new BinaryBitmap(binarizer), HINTS).getText();
      } catch (ReaderException | RuntimeException e) {
        // try the next binarizer; ZXing reports "not here" by exception
      }
    }
    // A clean, upright code (a screenshot, our own PNG): ZXing's finder search misses about 2% of
    // those that the pure-barcode reader reads at once; shown in dark mode, it is the inverted image.
    for (LuminanceSource s : List.of(source, source.invert())) {
      try {
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(s)), PURE).getText();
      } catch (ReaderException | RuntimeException e) {
        // not a pure code this way round
      }
    }
    throw Rejection.unprocessable("QR_NOT_FOUND", "no QR code could be read in the image");
  }

  private static Rejection unreadable(String reason) {
    return Rejection.unprocessable("IMAGE_UNREADABLE", reason);
  }

  private static Map<DecodeHintType, Object> hints() {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.ALSO_INVERTED, Boolean.TRUE); // phones in dark mode
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    return Map.copyOf(hints);
  }
}
