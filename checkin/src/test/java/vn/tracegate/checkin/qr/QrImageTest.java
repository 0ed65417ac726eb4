package vn.tracegate.checkin.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static vn.tracegate.checkin.qr.QrVerifierTest.BADGE;
import static vn.tracegate.checkin.qr.QrVerifierTest.POSTER;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.tracegate.checkin.Rejection;

class QrImageTest {

  private final QrRenderer renderer = new QrRenderer();
  private final QrDecoder decoder = new QrDecoder();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"poster", "badge"})
  void aRenderedPngDecodesToTheSamePayload(String which) throws IOException {
    String payload = which.equals("poster") ? POSTER : BADGE;

    byte[] png = renderer.png(payload, 400);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(400);
    assertThat(image.getHeight()).isEqualTo(400);
    assertThat(decoder.decode(png)).isEqualTo(payload);
  }

  @Test
  void aBadgeFilmedAskewInAJpegCameraFrameIsRead() throws IOException {
    BufferedImage badge = ImageIO.read(new ByteArrayInputStream(renderer.png(BADGE, 300)));
    BufferedImage frame = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = frame.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setColor(new Color(120, 110, 100));
    g.fillRect(0, 0, 1280, 720);
    g.rotate(Math.toRadians(12), 640, 360);
    g.drawImage(badge, 490, 210, null);
    g.dispose();

    assertThat(decoder.decode(encode(frame, "jpeg"))).isEqualTo(BADGE);
  }

  @Test
  void aBadgeShownOnAPhoneInDarkModeIsRead() throws IOException {
    BufferedImage badge = ImageIO.read(new ByteArrayInputStream(renderer.png(BADGE, 300)));
    BufferedImage inverted = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 300; x++) {
        inverted.setRGB(x, y, ~badge.getRGB(x, y));
      }
    }

    assertThat(decoder.decode(encode(inverted, "png"))).isEqualTo(BADGE);
  }

  /**
   * Badges are signed with a fresh key each run, so every run draws other codes; the finder search
   * alone missed about one in fifty dark-mode badges (a CI run failed on one). Two hundred badges,
   * every one read.
   */
  @Test
  void everyBadgeShownInDarkModeIsRead() throws IOException {
    for (int i = 0; i < 200; i++) {
      String payload = QrVerifierTest.SIGNER.badge(String.format("W%06d", i), QrVerifierTest.T0,
          java.time.Duration.ofHours(3)).payload();
      BufferedImage badge = ImageIO.read(new ByteArrayInputStream(renderer.png(payload, 300)));
      BufferedImage inverted = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 300; y++) {
        for (int x = 0; x < 300; x++) {
          inverted.setRGB(x, y, ~badge.getRGB(x, y));
        }
      }
      // The key is new every run, so a payload the decoder misses is named: rendering it again reproduces it.
      String read;
      try {
        read = decoder.decode(encode(inverted, "png"));
      } catch (RuntimeException e) {
        throw new AssertionError("badge " + i + " in dark mode was not read: " + payload, e);
      }
      assertThat(read).as("badge %d", i).isEqualTo(payload);
    }
  }

  @Test
  void theSvgIsWellFormedAndItsRunsDrawExactlyTheDarkModulesOfTheCode() throws Exception {
    String svg = renderer.svg(POSTER);

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    ByteMatrix expected = Encoder.encode(POSTER, ErrorCorrectionLevel.M).getMatrix();
    int n = expected.getWidth();
    int side = n + 2 * QrRenderer.MARGIN;
    assertThat(root.getTagName()).isEqualTo("svg");
    assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + side + " " + side);
    assertThat(doc.getElementsByTagName("path").getLength()).isEqualTo(1);

    BitMatrix drawn = runsOf(((Element) doc.getElementsByTagName("path").item(0))
        .getAttribute("d"), n);
    int darkExpected = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        darkExpected += expected.get(x, y) == 1 ? 1 : 0;
      }
    }
    assertThat(count(drawn)).isEqualTo(darkExpected);
    assertThat(new Decoder().decode(drawn).getText()).isEqualTo(POSTER);
  }

  @Test
  void aPngSizeOutsideTheAllowedRangeIsInvalid() {
    Rejection r = catchThrowableOfType(Rejection.class, () -> renderer.png(POSTER, 10_000));

    assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
    assertThat(r.code()).isEqualTo("QR_SIZE_INVALID");
  }

  @Test
  void randomBytesAreAnUnreadableImage() {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);

    assertRejected(junk, Rejection.Kind.UNPROCESSABLE, "IMAGE_UNREADABLE");
    assertRejected(new byte[0], Rejection.Kind.UNPROCESSABLE, "IMAGE_UNREADABLE");
    assertRejected(null, Rejection.Kind.UNPROCESSABLE, "IMAGE_UNREADABLE");
  }

  @Test
  void aTruncatedPngIsAnUnreadableImage() {
    byte[] png = renderer.png(POSTER, 400);

    assertRejected(Arrays.copyOf(png, png.length / 2), Rejection.Kind.UNPROCESSABLE,
        "IMAGE_UNREADABLE");
  }

  @Test
  void aGifIsRefusedThoughImageIoCouldReadIt() throws IOException {
    BufferedImage image = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_INDEXED);

    assertRejected(encode(image, "gif"), Rejection.Kind.UNPROCESSABLE, "IMAGE_UNREADABLE");
  }

  @Test
  void aBlankImageHasNoQrCode() throws IOException {
    BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blank.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 640, 480);
    g.dispose();

    Rejection r = assertRejected(encode(blank, "png"), Rejection.Kind.UNPROCESSABLE,
        "QR_NOT_FOUND");
    assertThat(r.getMessage()).isEqualTo("no QR code could be read in the image");
  }

  @Test
  void aPngAnnouncingHugeDimensionsIsRefusedBeforeAnyPixelIsDecoded() {
    byte[] bomb = pngHeader(60_000, 60_000);

    long before = allocatedBytes();
    Rejection r = assertRejected(bomb, Rejection.Kind.TOO_LARGE, "IMAGE_TOO_LARGE");
    long allocated = allocatedBytes() - before;

    assertThat(r.getMessage()).contains("60000x60000");
    assertThat(allocated).as("bytes allocated").isLessThan(4L * 1024 * 1024);
  }

  @Test
  void aJpegAnnouncingHugeDimensionsIsRefusedBeforeAnyPixelIsDecoded() throws IOException {
    byte[] jpeg = encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpeg");
    for (int i = 0; i + 8 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) { // SOF0: len, P, Y, X
        ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) 60_000).putShort((short) 60_000);
        break;
      }
    }

    assertRejected(jpeg, Rejection.Kind.TOO_LARGE, "IMAGE_TOO_LARGE");
  }

  @Test
  void anImageAboveFourMegapixelsIsRefusedAndOneAtTheLimitIsRead() throws IOException {
    Rejection r = assertRejected(pngHeader(2049, 2048), Rejection.Kind.TOO_LARGE, "IMAGE_TOO_LARGE");
    assertThat(r.getMessage()).contains("2049x2048").contains("4 megapixels");
    // 2048 x 2048 is exactly the limit: decoded (a blank frame, so no code in it).
    BufferedImage blank = new BufferedImage(2048, 2048, BufferedImage.TYPE_BYTE_GRAY);
    assertRejected(encode(blank, "png"), Rejection.Kind.UNPROCESSABLE, "QR_NOT_FOUND");
  }

  @Test
  void anImageWiderThanTheLimitIsRefusedEvenWhenItsAreaIsSmall() {
    assertRejected(pngHeader(5000, 10), Rejection.Kind.TOO_LARGE, "IMAGE_TOO_LARGE");
  }

  private Rejection assertRejected(byte[] image, Rejection.Kind kind, String code) {
    Rejection r = catchThrowableOfType(Rejection.class, () -> decoder.decode(image));
    assertThat(r).as("expected Rejection %s", code).isNotNull();
    assertThat(r.kind()).isEqualTo(kind);
    assertThat(r.code()).isEqualTo(code);
    return r;
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  /** A PNG signature and IHDR announcing an 8-bit grey image, then IEND: no pixel data. */
  private static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
        .putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0)
        .put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    CRC32 endCrc = new CRC32();
    endCrc.update("IEND".getBytes(StandardCharsets.US_ASCII));
    return ByteBuffer.allocate(8 + 4 + 17 + 4 + 12)
        .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
        .putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
        .putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) endCrc.getValue())
        .array();
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /** Rebuilds the module grid from the path's "M x y.5 h len" and "m dx 0 h len" segments. */
  private static BitMatrix runsOf(String d, int n) {
    BitMatrix grid = new BitMatrix(n);
    Matcher m = Pattern.compile("([Mm])(\\d+) (\\d+)(?:\\.5)?h(\\d+)").matcher(d);
    int x = 0;
    int y = 0;
    int consumed = 0;
    while (m.find()) {
      assertThat(m.start()).as("path syntax at %d", consumed).isEqualTo(consumed);
      consumed = m.end();
      int a = Integer.parseInt(m.group(2));
      int b = Integer.parseInt(m.group(3));
      if (m.group(1).equals("M")) {
        x = a;
        y = b;
      } else {
        x += a;
      }
      int len = Integer.parseInt(m.group(4));
      grid.setRegion(x - QrRenderer.MARGIN, y - QrRenderer.MARGIN, len, 1);
      x += len;
    }
    assertThat(consumed).isEqualTo(d.length());
    return grid;
  }

  private static int count(BitMatrix grid) {
    int dark = 0;
    for (int y = 0; y < grid.getHeight(); y++) {
      for (int x = 0; x < grid.getWidth(); x++) {
        dark += grid.get(x, y) ? 1 : 0;
      }
    }
    return dark;
  }
}
