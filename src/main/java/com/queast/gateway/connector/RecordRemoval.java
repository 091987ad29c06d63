package com.queast.gateway.connector;

import io.smallrye.mutiny.Uni;

/**
 * Role of a connector that removes what Queast deleted or erased (issue 16). {@link RemovalSplit}
 * hands it the items of a batch that are deletions (a {@code deliver} job whose record is {@code
 * QueastRecord.deleted()}) and erasures ({@code erase} jobs); the rest of the batch goes to {@link
 * CrmConnector#deliver} as before.
 *
 * <p>A deletion applies the connection's mapping delete policy for the record type ({@code
 * MappingSpec.onDelete}): {@code unlink} makes no CRM call and forgets the link, {@code archive}
 * archives or deletes the CRM record, {@code clear} empties the properties the gateway wrote. A
 * completed deletion forgets the link ({@link Removals#forgotten}). An erasure uses the vendor's
 * own erasure means, whatever the policy, and waits for nothing.
 */
public interface RecordRemoval {

  /**
   * Applies the deletions and erasures of a batch. Like {@link CrmConnector#deliver}, per-item
   * failures are results; the Uni fails only when the connector could not even try.
   *
   * @param batch deletion and erasure items of one lane
   * @return a Uni emitting one result per item
   */
  Uni<BatchResult> remove(DeliveryBatch batch);
}
