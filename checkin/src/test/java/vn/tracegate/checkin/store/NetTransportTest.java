package vn.tracegate.checkin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetTransportTest {

  @AfterEach
  void forgetLettucesSwitch() {
    System.clearProperty(NetTransport.LETTUCE_EPOLL);
  }

  @Test
  void theSettingTakesEpollOrNioInAnyCaseAndNothingElse() {
    assertThat(NetTransport.parse("epoll")).isEqualTo(NetTransport.EPOLL);
    assertThat(NetTransport.parse(" NIO ")).isEqualTo(NetTransport.NIO);
    assertThat(NetTransport.EPOLL.wireName()).isEqualTo("epoll");
    assertThatThrownBy(() -> NetTransport.parse("io_uring")).hasMessage("expected epoll or nio");
    assertThatThrownBy(() -> NetTransport.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onThisLinuxMachineEpollLoadsAndLettuceIsLeftToPickItToo() {
    assertThat(System.getProperty("os.name")).isEqualTo("Linux");
    assertThat(NetTransport.EPOLL.vertxTransport()).isSameAs(Transport.EPOLL);
    assertThat(NetTransport.EPOLL.fallback()).isNull();
    assertThat(System.getProperty(NetTransport.LETTUCE_EPOLL)).isNull();
  }

  @Test
  void nioTellsLettuceToUseNioSoThatItsConnectionsCanStillRunOnTheLoops() {
    assertThat(NetTransport.NIO.vertxTransport()).isSameAs(Transport.NIO);
    assertThat(NetTransport.NIO.fallback()).isNull();
    assertThat(System.getProperty(NetTransport.LETTUCE_EPOLL)).isEqualTo("false");
  }
}
