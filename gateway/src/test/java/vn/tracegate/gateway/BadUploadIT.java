package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.qr.QrRenderer;

/**
 * Bad uploads through the real gateway: camera frames ({@code POST /v1/scans/image}) that are no
 * image, a damaged one, a huge one or the wrong type, with spoiled query parameters; and HR rosters
 * ({@code POST /v1/workers/import}) that are not UTF-8 CSV, too large, or nothing but bad lines.
 * Each is refused with a 4xx in the error shape (a roster of bad lines: 200, nothing imported),
 * and nothing is written: no visit, no scan claim, no worker.
 */
class BadUploadIT {

  static final String HEADER = "id,enterpriseId,fullName,phone,team\r\n";
  static final long SEED = Long.getLong("tracegate.fuzz.seed", 20_261_122L);
  static FuzzPark fz;
  static TestGateway gw;
  static ParkFixture park;
  static Refusals http;
  static byte[] badgePng;
  static final List<String> rosterIds = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    fz = new FuzzPark(TestGateway.unlimited(), "Vũ Thị Thu");
    gw = fz.gw;
    park = fz.park;
    http = fz.http;
    badgePng = park.api.get("/v1/workers/" + fz.worker + "/badge.png", park.admin).body().getBytes();
  }

  @AfterAll
  static void stop() {
    fz.close();
  }

  static Map<String, String> query() {
    String id = UUID.randomUUID().toString();
    fz.keys.add(id);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("scanId", id);
    q.put("checkpointId", park.workshop);
    q.put("action", "IN");
    q.put("at", fz.now.toString());
    return q;
  }

  static String path(Map<String, String> q) {
    StringBuilder p = new StringBuilder("/v1/scans/image?");
    q.forEach((k, v) -> p.append(k).append('=').append(v).append('&'));
    return p.toString();
  }

  @Test
  void aFrameThatIsNoReadableImageOrTheWrongTypeIsRefusedAndStoresNothing() throws IOException {
    Random rnd = new Random(SEED);
    QrRenderer renderer = new QrRenderer();
    Map<String, byte[]> frames = new LinkedHashMap<>();
    frames.put("empty", new byte[0]);
    frames.put("random bytes", random(rnd, 5_000));
    for (int i = 0; i < 8; i++) {
      int cut = rnd.nextInt(badgePng.length / 2);
      frames.put("badge cut at " + cut, Arrays.copyOf(badgePng, cut));
    }
    frames.put("PNG of 60000x60000", withIhdr(badgePng, 60_000, 60_000));
    frames.put("PNG of 0x0", withIhdr(badgePng, 0, 0));
    frames.put("PNG of -1x-1", withIhdr(badgePng, -1, -1));
    frames.put("JPEG of 65535x65535", jpegOfSize(65_535, 65_535));
    frames.put("blank PNG", encode(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png"));
    frames.put("GIF", encode(new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_INDEXED), "gif"));
    frames.put("BMP", encode(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB), "bmp"));
    frames.put("QR of plain text", renderer.png("hello", 200));
    frames.put("QR of 600 characters", renderer.png("TG1.B." + "A".repeat(594), 400));
    frames.put("QR of control characters", renderer.png("TG1.B.k\u0000\u0007.\n", 200));
    frames.put("QR of a poster", renderer.png(park.poster(park.workshop), 300));
    frames.put("JSON", BadBodies.utf8("{\"qr\":\"" + BadBodies.MARK + "\"}"));
    frames.put("over the limit", Arrays.copyOf(badgePng, gw.config.http().maxImageBytes() + 1));
    frames.forEach((name, frame) -> refused("image/png " + name, "image/png", frame));

    for (String type : new String[] {null, "text/plain", "application/json", "image/gif", "application/octet-stream",
        "multipart/form-data; boundary=b", "text/csv"}) {
      refused("the badge as " + type, type, badgePng);
    }
    fz.assertNothingWritten();
  }

  @Test
  void aFrameWithSpoiledQueryParametersIsRefusedBeforeDecodingAndStoresNothing() {
    Map<String, List<String>> wrong = Map.of(
        "scanId", List.of("<missing>", "", "42", "%zz", "%00", UUID.randomUUID() + "x", BadBodies.MARK.repeat(500)),
        "checkpointId", List.of("<missing>", "", "a%20b", "%2e%2e%2f", "other-" + park.suffix, "a".repeat(65)),
        "action", List.of("<missing>", "", "SIDEWAYS", "%C0%80", "IN%00", "SIDEWAYS&action=IN"),
        "at", List.of("<missing>", "", "yesterday", "%zz", fz.now.plus(Duration.ofHours(2)).toString(),
            fz.now.minus(Duration.ofDays(30)).toString(), "+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z"));
    wrong.forEach((param, values) -> {
      for (String value : values) {
        Map<String, String> q = query();
        if (value.equals("<missing>")) {
          q.remove(param);
        } else {
          q.put(param, value);
        }
        refused("query " + param + "=" + BadBodies.preview(value), "image/png", badgePng, path(q), park.deviceKey);
      }
    });
    refused("no credentials", "image/png", badgePng, path(query()), null);
    refused("a worker's app", "image/png", badgePng, path(query()), park.appToken(fz.worker));
    refused("an admin", "image/png", badgePng, path(query()), park.admin);
    fz.assertNothingWritten();
  }

  private static void refused(String what, String type, byte[] frame) {
    refused(what, type, frame, path(query()), park.deviceKey);
  }

  private static void refused(String what, String type, byte[] frame, String path, String auth) {
    Refusals.assertRefused(what, frame, http.post(path, auth, type, frame));
  }

  @Test
  void aRosterThatIsNotUtf8CsvOrTooLargeIsRefusedWholeWithNoWorkerStored() {
    String good = HEADER + rosterLine("Nguyễn Văn An", "0912345678") + rosterLine("Trần Thị Bình", "0987654321");
    byte[] valid = BadBodies.utf8(good + rosterLine("Lê Hoa", "0371234567"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("empty", new byte[0]);
    files.put("a BOM alone", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
    for (byte[] bad : BadBodies.INVALID_UTF8) {
      files.put("good lines then invalid UTF-8 " + java.util.HexFormat.of().formatHex(bad),
          BadBodies.splice(valid, valid.length - 8, bad));
    }
    files.put("Windows-1252", (good + "NV9,e,Nguyên,0912345678,\r\n").getBytes(java.nio.charset.Charset.forName("windows-1252")));
    files.put("UTF-16", (good).getBytes(java.nio.charset.StandardCharsets.UTF_16));
    files.put("no header", BadBodies.utf8(rosterLine("Lê Hoa", "0371234567")));
    files.put("header with an open quote", BadBodies.utf8("\"id,enterpriseId,fullName,phone\r\n" + good));
    files.put("a column twice", BadBodies.utf8("id,id,enterpriseId,fullName,phone\r\n" + good));
    files.put("JSON", BadBodies.utf8("{\"id\":\"x\"}"));
    files.put("50001 lines", fiftyThousandAndOneLines());
    files.put("over the limit", Arrays.copyOf(valid, gw.config.http().maxCsvBytes() + 1));
    files.forEach((name, file) -> Refusals.assertRefused("roster " + name, file,
        http.post("/v1/workers/import", park.admin, "text/csv; charset=utf-8", file)));

    for (String type : new String[] {null, "text/plain", "application/json", "multipart/form-data; boundary=b",
        "image/png"}) {
      Refusals.assertRefused("a roster as " + type, valid, http.post("/v1/workers/import", park.admin, type, valid));
    }
    Refusals.assertRefused("a roster without credentials", valid, http.post("/v1/workers/import", null, "text/csv", valid));
    Refusals.assertRefused("a roster from a device", valid,
        http.post("/v1/workers/import", park.deviceKey, "text/csv", valid));
    assertNoWorkerStored();
  }

  @Test
  void aRosterOfNothingButBadLinesImportsNoneAndReportsEachWithoutEchoingIt() {
    Random rnd = new Random(SEED);
    StringBuilder file = new StringBuilder(HEADER);
    List<String> lines = List.of(
        rosterLine("Lê Hoa", "0398765432x"),
        rosterLine("Lê\u0000Hoa", "0398765432"),
        rosterLine("Lê Hoa", "0398765432").replace("\r\n", ",extra,fields\r\n"),
        rosterLine("\"Lê Hoa", "0398765432"),
        rosterLine("Lê \"Hoa\"", "0398765432"),
        rosterLine("Lê Hoa", "0398765432").replace(park.enterprise, "no-such-" + park.suffix),
        rosterLine("Ă".repeat(200_000), "0398765432"),
        rosterLine("Lê Hoa", "0398765432").replace("Tổ 1", "Tổ\u001b[31m"),
        "\u0000,\u0000,\u0000,\u0000,\u0000\r\n",
        ",,,,\r\n".replace(",", "\t,"),
        rosterLine("Lê Hoa", "0398765432").replace(",", ";"));
    for (String line : lines) {
      file.append(line);
    }
    for (int i = 0; i < 200; i++) {
      file.append(rosterLine(BadBodies.preview(Long.toString(rnd.nextLong(), 36)) + "\u0007", "0398765432"));
    }
    byte[] body = BadBodies.utf8(file.toString());
    HttpResponse<Buffer> r = http.post("/v1/workers/import", park.admin, "text/csv", body);

    assertThat(r.statusCode()).as(r.bodyAsString().substring(0, 300)).isEqualTo(200);
    JsonObject report = r.bodyAsJsonObject();
    assertThat(report.getInteger("imported")).isZero();
    assertThat(report.getInteger("failed")).isEqualTo(report.getJsonArray("errors").size()).isGreaterThan(200);
    assertThat(r.bodyAsString()).doesNotContain("398765432").doesNotContain("ĂĂĂĂĂĂĂĂ").doesNotContain("\u001b");

    HttpResponse<Buffer> foreign = http.post("/v1/workers/import", "Bearer " + gw.token("safety", "other-" + park.suffix,
        null), "text/csv", BadBodies.utf8(HEADER + rosterLine("Lê Hoa", "0912345678")));
    assertThat(foreign.statusCode()).isEqualTo(200);
    assertThat(foreign.bodyAsJsonObject().getInteger("imported")).isZero();
    assertNoWorkerStored();
  }

  /** A roster line for a new worker id of the fixture's enterprise. */
  static String rosterLine(String fullName, String phone) {
    String id = "BU-" + park.suffix + "-" + rosterIds.size();
    rosterIds.add(id);
    return id + "," + park.enterprise + "," + fullName + "," + phone + ",Tổ 1\r\n";
  }

  private static byte[] fiftyThousandAndOneLines() {
    StringBuilder file = new StringBuilder(HEADER);
    for (int i = 0; i <= 50_000; i++) {
      file.append(i < 3 || i > 49_997 ? rosterLine("Lê Hoa", "0912345678")
          : "L" + i + "-" + park.suffix + "," + park.enterprise + ",Lê Hoa,0912345678,\r\n");
    }
    return BadBodies.utf8(file.toString());
  }

  static void assertNoWorkerStored() {
    fz.assertNotWritten(rosterIds);
    fz.assertNothingWritten();
    fz.http.assertLogClean(List.of("ĂĂĂĂĂĂĂĂ"));
  }

  private static byte[] random(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).as(format).isTrue();
    return out.toByteArray();
  }

  /** {@code png} with its IHDR announcing another size (CRC fixed, so the reader believes it). */
  static byte[] withIhdr(byte[] png, int width, int height) {
    byte[] out = png.clone();
    ByteBuffer.wrap(out, 16, 8).putInt(width).putInt(height);
    CRC32 crc = new CRC32();
    crc.update(out, 12, 17);
    ByteBuffer.wrap(out, 29, 4).putInt((int) crc.getValue());
    return out;
  }

  private static byte[] jpegOfSize(int width, int height) throws IOException {
    byte[] jpeg = encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpeg");
    for (int i = 0; i + 8 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
        ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
        return jpeg;
      }
    }
    throw new AssertionError("no SOF0");
  }
}
