package vn.tracegate.checkin.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.BadInput;
import vn.tracegate.checkin.Rejection;

/**
 * Whatever bytes a scanner uploads as a camera frame, decoding gives a QR text or a 413/422:
 * truncated, bit-flipped, spliced PNGs and JPEGs, zero-size and huge declared dimensions.
 */
class QrDecoderPropertyTest {

  static final QrRenderer RENDERER = new QrRenderer();
  static final List<byte[]> FRAMES = frames();

  final QrDecoder decoder = new QrDecoder();

  @Test
  void aDamagedFrameDecodesOrIsRefusedWithA413OrA422() {
    BadInput.forAll("QrDecoder.decode(damaged)", 1_500, rnd -> {
      byte[] frame = FRAMES.get(rnd.nextInt(FRAMES.size()));
      return rnd.nextInt(4) == 0 ? BadInput.mutateBytes(rnd, BadInput.mutateBytes(rnd, frame))
          : BadInput.mutateBytes(rnd, frame);
    }, this::decodesOrRefuses);
  }

  @Test
  void aPngOrJpegDeclaringAnySizeOrPixelFormatDecodesOrIsRefused() {
    BadInput.forAll("QrDecoder.decode(any header)", 300, rnd -> {
      int[] sides = {0, 1, 2, 4096, 4097, 65_535, Integer.MAX_VALUE, -1, rnd.nextInt(5_000)};
      int width = sides[rnd.nextInt(sides.length)];
      int height = sides[rnd.nextInt(sides.length)];
      return rnd.nextBoolean()
          ? withIhdr(FRAMES.get(0), width, height, new int[] {1, 2, 4, 8, 16, 3, 0, 255}[rnd.nextInt(8)],
              new int[] {0, 2, 3, 4, 6, 1, 7}[rnd.nextInt(7)])
          : withSof(FRAMES.get(2), width, height, new int[] {1, 3, 4, 0, 255}[rnd.nextInt(5)]);
    }, this::decodesOrRefuses);
  }

  @Test
  void randomBytesBehindAnImageSignatureAreRefused() {
    byte[][] signatures = {
        {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, {(byte) 0xff, (byte) 0xd8, (byte) 0xff},
        {'G', 'I', 'F', '8', '9', 'a'}, {'B', 'M'}, {0, 0}, {'I', 'I', '*', 0}, {}};
    BadInput.forAll("QrDecoder.decode(signature + noise)", 2_000, rnd -> {
      byte[] signature = signatures[rnd.nextInt(signatures.length)];
      return BadInput.splice(BadInput.randomBytes(rnd, 3_000), 0, signature);
    }, image -> {
      String text = decoder.decode(image);
      throw new AssertionError("decoded noise to " + text);
    });
  }

  @Test
  void everyCodeTheServerRendersIsReadBack() {
    // Found by QrImageTest failing one run in six: about 2% of rendered payloads were not read.
    String b64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < 200; i++) {
      java.util.Random rnd = new java.util.Random(BadInput.SEED + i);
      StringBuilder payload = new StringBuilder(i % 2 == 0 ? "TG1.P.k1.gate-a.tovmo0." : "TG1.B.k1.W000123.tovmo0.tovv00.");
      for (int c = 0; c < 86; c++) {
        payload.append(b64url.charAt(rnd.nextInt(64)));
      }
      byte[] png = RENDERER.png(payload.toString(), 300 + rnd.nextInt(150));
      assertThat(decoder.decode(png)).as("iteration %d: %s", i, payload).isEqualTo(payload.toString());
    }
  }

  private void decodesOrRefuses(byte[] image) {
    try {
      assertThat(decoder.decode(image)).isNotNull();
    } catch (Rejection r) {
      assertThat(r.kind()).isIn(Rejection.Kind.UNPROCESSABLE, Rejection.Kind.TOO_LARGE);
      assertThat(r.code()).isIn("IMAGE_UNREADABLE", "QR_NOT_FOUND", "IMAGE_TOO_LARGE");
      throw r;
    }
  }

  /** {@code png} with its IHDR rewritten (and its CRC fixed, so the reader believes it). */
  static byte[] withIhdr(byte[] png, int width, int height, int depth, int colourType) {
    byte[] out = png.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    b.position(16);
    b.putInt(width).putInt(height).put((byte) depth).put((byte) colourType);
    CRC32 crc = new CRC32();
    crc.update(out, 12, 17);
    b.position(29);
    b.putInt((int) crc.getValue());
    return out;
  }

  /** {@code jpeg} with its first SOF0 segment announcing another size and component count. */
  static byte[] withSof(byte[] jpeg, int width, int height, int components) {
    byte[] out = jpeg.clone();
    for (int i = 0; i + 9 < out.length; i++) {
      if ((out[i] & 0xff) == 0xff && (out[i + 1] & 0xff) == 0xc0) { // SOF0: length, precision, Y, X, Nf
        ByteBuffer.wrap(out, i + 5, 5).putShort((short) height).putShort((short) width).put((byte) components);
        return out;
      }
    }
    throw new AssertionError("no SOF0 in the JPEG");
  }

  private static List<byte[]> frames() {
    try {
      byte[] poster = RENDERER.png(QrVerifierTest.POSTER, 120);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(poster));
      return List.of(poster, RENDERER.png(QrVerifierTest.BADGE, 150), encode(image, "jpeg"),
          encode(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png"),
          encode(new BufferedImage(64, 48, BufferedImage.TYPE_USHORT_GRAY), "png"),
          encode(new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_BINARY), "png"),
          encode(new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB), "png"),
          encode(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "jpeg"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }
}
