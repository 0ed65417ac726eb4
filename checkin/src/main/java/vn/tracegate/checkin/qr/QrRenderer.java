package vn.tracegate.checkin.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import vn.tracegate.checkin.Rejection;

/**
 * Draws a payload as a printable QR code: PNG for screens and badges, SVG for posters that are
 * printed large. Error correction M (a scuffed poster still reads), quiet zone of 4 modules.
 *
 * <p>CPU-heavy (a few milliseconds per PNG): callers on an event loop must run it in
 * {@code executeBlocking} or a worker pool. Stateless and thread-safe.
 */
public final class QrRenderer {

  /** Quiet zone around the code, in modules, as the QR standard asks. */
  public static final int MARGIN = 4;
  /** Smallest and largest PNG side a caller may ask for, in pixels. */
  public static final int MIN_SIZE_PX = 32;
  public static final int MAX_SIZE_PX = 4096;

  private static final Map<EncodeHintType, Object> HINTS = Map.of(
      EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
      EncodeHintType.MARGIN, MARGIN);

  /**
   * A black-on-white 1-bit PNG about {@code sizePx} square (never smaller than one pixel per
   * module).
   *
   * @throws Rejection INVALID QR_SIZE_INVALID when {@code sizePx} is outside 32..4096
   */
  public byte[] png(String payload, int sizePx) {
    if (sizePx < MIN_SIZE_PX || sizePx > MAX_SIZE_PX) {
      throw Rejection.invalid("QR_SIZE_INVALID",
          "size must be between " + MIN_SIZE_PX + " and " + MAX_SIZE_PX + " pixels");
    }
    BitMatrix matrix;
    try {
      matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE,
          sizePx, sizePx, HINTS);
    } catch (WriterException e) {
      throw new IllegalArgumentException("payload does not fit a QR code", e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try {
      ImageIO.write(MatrixToImageWriter.toBufferedImage(matrix), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A compact SVG: a white background and one path whose segments are the horizontal runs of
   * dark modules (one user unit per module, quiet zone included), so it scales to any poster.
   */
  public String svg(String payload) {
    ByteMatrix modules;
    try {
      modules = Encoder.encode(payload, ErrorCorrectionLevel.M, HINTS).getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException("payload does not fit a QR code", e);
    }
    int n = modules.getWidth();
    int side = n + 2 * MARGIN;
    StringBuilder d = new StringBuilder(n * n);
    for (int y = 0; y < n; y++) {
      int penX = -1; // where the pen is on this row after the last run, -1 before the first
      int x = 0;
      while (x < n) {
        if (modules.get(x, y) != 1) {
          x++;
          continue;
        }
        int start = x;
        while (x < n && modules.get(x, y) == 1) {
          x++;
        }
        if (penX < 0) {
          d.append('M').append(start + MARGIN).append(' ').append(y + MARGIN).append(".5");
        } else {
          d.append('m').append(start - penX).append(" 0");
        }
        d.append('h').append(x - start);
        penX = x;
      }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + ' ' + side
        + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>"
        + "<path fill=\"none\" stroke=\"#000\" stroke-width=\"1\" d=\"" + d + "\"/></svg>\n";
  }
}
