package org.opencoc.attachment.web.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.config.ConfigNames;

class TransfersTest {

    @Test
    void startsDownloadsUpToTheCap() {
        Transfers transfers = new Transfers(2);
        assertThat(transfers.tryStart(true)).isEqualTo(Transfers.Admission.STARTED);
        assertThat(transfers.tryStart(true)).isEqualTo(Transfers.Admission.STARTED);
        assertThat(transfers.tryStart(true)).isEqualTo(Transfers.Admission.BUSY);
    }

    @Test
    void finishedDownloadFreesItsSlot() {
        Transfers transfers = new Transfers(1);
        transfers.tryStart(true);
        transfers.finish(true);
        assertThat(transfers.tryStart(true)).isEqualTo(Transfers.Admission.STARTED);
    }

    @Test
    void uploadsDoNotTakeDownloadSlots() {
        Transfers transfers = new Transfers(1);
        transfers.tryStart(false);
        transfers.tryStart(false);
        assertThat(transfers.tryStart(true)).isEqualTo(Transfers.Admission.STARTED);
        assertThat(transfers.inFlight()).isEqualTo(3);
    }

    @Test
    void refusedDownloadIsNotCountedInFlight() {
        Transfers transfers = new Transfers(1);
        transfers.tryStart(true);
        transfers.tryStart(true);
        assertThat(transfers.inFlight()).isEqualTo(1);
    }

    @Test
    void drainingRefusesEveryNewTransfer() {
        Transfers transfers = new Transfers(4);
        transfers.startDraining();
        assertThat(transfers.tryStart(false)).isEqualTo(Transfers.Admission.DRAINING);
        assertThat(transfers.tryStart(true)).isEqualTo(Transfers.Admission.DRAINING);
        assertThat(transfers.inFlight()).isZero();
    }

    @Test
    void drainingLetsTransfersInFlightFinish() throws Exception {
        Transfers transfers = new Transfers(4);
        transfers.tryStart(true);
        transfers.tryStart(false);
        transfers.startDraining();
        CompletableFuture<Integer> left = CompletableFuture.supplyAsync(() -> awaitIdle(transfers, Duration.ofSeconds(30)));
        transfers.finish(true);
        transfers.finish(false);
        assertThat(left.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void awaitIdleGivesUpAfterTheGracePeriodWithTheCountLeft() throws Exception {
        Transfers transfers = new Transfers(4);
        transfers.tryStart(false);
        transfers.startDraining();
        assertThat(transfers.awaitIdle(Duration.ofMillis(50))).isEqualTo(1);
    }

    @Test
    void refusesACapBelowOne() {
        assertThatThrownBy(() -> new Transfers(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ConfigNames.DOWNLOAD_MAX_CONCURRENT);
    }

    private static int awaitIdle(Transfers transfers, Duration grace) {
        try {
            return transfers.awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
