package org.opencoc.attachment.iam.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class AsyncLogHandoffTest {

    /** Collects what reaches the parent's handler. */
    static final class Collecting extends Handler {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void deliversEveryRecordInOrderToTheParentsHandlers() throws Exception {
        Logger parent = Logger.getLogger("test.handoff." + System.nanoTime());
        parent.setUseParentHandlers(false);
        Collecting collecting = new Collecting();
        parent.addHandler(collecting);
        Logger child = Logger.getLogger(parent.getName() + ".audit");

        AsyncLogHandoff handoff = AsyncLogHandoff.install(child);
        IntStream.range(0, 20_000).forEach(i -> child.info("line " + i));
        handoff.close();

        assertThat(collecting.messages).hasSize(20_000);
        assertThat(collecting.messages.get(0)).isEqualTo("line 0");
        assertThat(collecting.messages.get(19_999)).isEqualTo("line 19999");
        assertThat(child.getUseParentHandlers()).isTrue();
        assertThat(child.getHandlers()).isEmpty();
    }

    @Test
    void leavesALoggerWithItsOwnHandlersAlone() {
        Logger logger = Logger.getLogger("test.handoff.own." + System.nanoTime());
        logger.addHandler(new Collecting());

        assertThat(AsyncLogHandoff.install(logger)).isNull();
        assertThat(logger.getUseParentHandlers()).isTrue();
    }
}
