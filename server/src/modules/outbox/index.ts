/**
 * Outgoing messages (SPEC §8 信函, DESIGN §6): templates, the outbox and its delivery job, the letters
 * register. Other modules use only what is exported here.
 */
import { registerCustomerReference, registerVehicleReference } from '../customers';
import { registerJob } from '../../platform/jobs';
import { deliverDueMessages } from './delivery';
import { outboxMessages } from './outbox.table';

export { outboxRoutes } from './outbox.routes';
/**
 * `queueMessage(tx, ctx, { channel, customerId, vehicleId?, subject?, body, email?, templateId?,
 * templateName?, refType?, refId? })` → `{ queued: true, id, nextAttemptAt }` or `{ queued: false,
 * reason }` (no consent / no address): queues in the caller's store transaction; consent and quiet
 * hours are enforced here and again at delivery.
 */
export { queueMessage, type QueueMessageInput, type QueueResult } from './outbox.service';
export { deliverDueMessages, type DeliveryReport } from './delivery';
export { recordingProvider, webhookProvider, type MessageProvider, type OutgoingMessage } from './providers';

registerJob({ name: 'outbox.deliver', everyMinutes: 1, handler: async (db, now) => void (await deliverDueMessages(db, now)) });

// Merging customer or vehicle files moves their messages to the surviving file.
registerVehicleReference({ table: outboxMessages, column: outboxMessages.vehicleId, storeColumn: outboxMessages.storeId });
registerCustomerReference({ table: outboxMessages, column: outboxMessages.customerId, storeColumn: outboxMessages.storeId });
