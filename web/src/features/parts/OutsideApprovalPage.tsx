import { OrdersList } from './PurchaseOrdersPage';

/** 外采审批: outside purchases waiting for the workshop supervisor's quality approval. */
export default function OutsideApprovalPage() {
  return <OrdersList approval />;
}
