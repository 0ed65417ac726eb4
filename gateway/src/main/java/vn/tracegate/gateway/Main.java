package vn.tracegate.gateway;

public final class Main {
  public static void main(String[] args) {
    System.out.println("TraceGate");
  }
}
