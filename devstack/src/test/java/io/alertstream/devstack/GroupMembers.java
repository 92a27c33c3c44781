package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/** Who in an application's consumer group owns which events partitions. */
final class GroupMembers {
    private GroupMembers() {
    }

    /**
     * Waits until the application's consumer group has {@code members} members that each own at least one
     * events partition and together own all 4, and returns the events partitions per member.
     */
    static Map<String, List<TopicPartition>> awaitEventPartitions(String bootstrap, String applicationId, String events, int members)
            throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId);
                Map<String, List<TopicPartition>> owned = new TreeMap<>();
                for (MemberDescription m : group.members()) {
                    owned.put(m.consumerId(), m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(events)).toList());
                }
                boolean settled = owned.size() == members && owned.values().stream().noneMatch(List::isEmpty)
                        && owned.values().stream().mapToInt(List::size).sum() == 4;
                if (settled || System.nanoTime() > deadline) {
                    assertThat(owned).as("events partitions per member of " + applicationId).hasSize(members)
                            .allSatisfy((member, partitions) -> assertThat(partitions).isNotEmpty());
                    assertThat(owned.values().stream().mapToInt(List::size).sum()).as("events partitions owned").isEqualTo(4);
                    return owned;
                }
                Thread.sleep(500);
            }
        }
    }
}
