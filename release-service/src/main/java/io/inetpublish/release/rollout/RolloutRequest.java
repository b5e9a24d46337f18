package io.inetpublish.release.rollout;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.text.Texts;
import io.inetpublish.release.schedule.ScheduleRequest;

/**
 * How a person chooses a rollout's targets: customers carrying any of {@code tags} (rings such as 试点/第一批),
 * {@code allCustomers} (全部), narrowed to {@code environmentTypes}; plus environments one by one
 * ({@code environmentIds}, e.g. the rows of an impact search). {@code schedule}: when given, one update schedule per
 * target is created with the rollout (its environment ids and customer are ignored).
 */
public record RolloutRequest(String title, List<String> tags, boolean allCustomers, List<String> environmentTypes,
        List<UUID> environmentIds, ScheduleRequest schedule) {

    public RolloutRequest {
        tags = tags == null ? List.of() : tags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct()
                .toList();
        environmentTypes = environmentTypes == null ? List.of() : environmentTypes.stream().distinct().toList();
        environmentIds = environmentIds == null ? List.of() : environmentIds;
        title = Texts.blankToNull(title);
    }
}
