package vn.tracegate.loadtest.park;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Vietnamese full names (họ, tên đệm, tên) and enterprise names for the synthetic park, drawn
 * from frequency-weighted lists so that Nguyễn, Trần and Lê dominate as they do on a real roster.
 * Names use only letters and spaces, in NFC, as the roster import requires.
 */
final class VietnameseNames {

  /** Family names with their rough share in percent. */
  private static final List<String> FAMILY = List.of(
      "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
      "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai");
  private static final int[] FAMILY_WEIGHT =
      {38, 11, 9, 7, 5, 4, 4, 4, 4, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1};

  private static final List<String> MIDDLE_MALE = List.of("Văn", "Hữu", "Minh", "Quốc", "Đức", "Thanh", "Công", "Xuân");
  private static final List<String> MIDDLE_FEMALE = List.of("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Hồng");
  private static final List<String> GIVEN_MALE = List.of(
      "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khang", "Khoa", "Long", "Lộc",
      "Nam", "Nghĩa", "Phát", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Tiến", "Toàn",
      "Trung", "Tuấn", "Việt", "Vinh", "Vũ");
  private static final List<String> GIVEN_FEMALE = List.of(
      "Anh", "Châu", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Huyền",
      "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên",
      "Tâm", "Thảo", "Thủy", "Trang", "Vy", "Yến");

  /** Brands of the park's enterprises: places of the south-east industrial belt. */
  static final List<String> BRANDS = List.of(
      "Việt Tiến", "Sóng Thần", "Mỹ Phước", "Tân Thuận", "Hòa Bình", "Phú Mỹ", "Long Hậu", "Hiệp Phước",
      "Nhơn Trạch", "Biên Hòa", "Tân Uyên", "Bàu Bàng", "Đồng An", "Việt Hương", "Amata", "Lê Minh Xuân",
      "Vĩnh Lộc", "Tân Bình", "Cát Lái", "Đức Hòa", "Hải Sơn", "Long Đức", "Giang Điền", "Lộc An");
  static final List<String> INDUSTRIES = List.of(
      "May mặc", "Điện tử", "Giày da", "Cơ khí chính xác", "Nhựa", "Thực phẩm", "Gỗ nội thất", "Dệt",
      "Linh kiện ô tô", "Bao bì");
  static final List<String> FORMS = List.of("Công ty TNHH", "Công ty Cổ phần");

  private VietnameseNames() {}

  /** A full name: 52% women, as in the garment and electronics workforce. */
  static String fullName(SplittableRandom rnd) {
    boolean female = rnd.nextInt(100) < 52;
    String family = FAMILY.get(weighted(rnd));
    String middle = pick(rnd, female ? MIDDLE_FEMALE : MIDDLE_MALE);
    String given = pick(rnd, female ? GIVEN_FEMALE : GIVEN_MALE);
    return family + " " + middle + " " + given;
  }

  /** A Vietnamese mobile number, 09 and 8 digits. */
  static String phone(SplittableRandom rnd) {
    return String.format("09%08d", rnd.nextInt(100_000_000));
  }

  static <T> T pick(SplittableRandom rnd, List<T> from) {
    return from.get(rnd.nextInt(from.size()));
  }

  private static int weighted(SplittableRandom rnd) {
    int total = 0;
    for (int w : FAMILY_WEIGHT) {
      total += w;
    }
    int r = rnd.nextInt(total);
    for (int i = 0; i < FAMILY_WEIGHT.length; i++) {
      r -= FAMILY_WEIGHT[i];
      if (r < 0) {
        return i;
      }
    }
    return FAMILY_WEIGHT.length - 1;
  }
}
