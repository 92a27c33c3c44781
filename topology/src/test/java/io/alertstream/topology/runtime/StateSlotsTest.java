package io.alertstream.topology.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateSlotsTest {
    @TempDir
    Path root;

    @Test
    void shouldGiveEachHolderTheLowestFreeSlotAndTheSameSlotBackAfterARestart() {
        try (StateSlots.Slot a = StateSlots.acquire(root); StateSlots.Slot b = StateSlots.acquire(root)) {
            assertThat(a.dir()).isEqualTo(root.resolve("slot-0"));
            assertThat(b.dir()).isEqualTo(root.resolve("slot-1"));
            a.close();
            try (StateSlots.Slot restarted = StateSlots.acquire(root)) {
                assertThat(restarted.dir()).as("the slot the stopped instance left").isEqualTo(root.resolve("slot-0"));
            }
        }
    }

    @Test
    void shouldRefuseAChosenDirectoryThatIsHeldAndSayWhichOptionToGive() {
        try (StateSlots.Slot held = StateSlots.lockChosen(root.resolve("mine"))) {
            assertThatThrownBy(() -> StateSlots.lockChosen(root.resolve("mine")))
                    .hasMessageContaining("is in use by another alertstream process (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("--state-dir");
        }
        try (StateSlots.Slot again = StateSlots.lockChosen(root.resolve("mine"))) {
            assertThat(again.dir()).isEqualTo(root.resolve("mine"));
        }
    }
}
