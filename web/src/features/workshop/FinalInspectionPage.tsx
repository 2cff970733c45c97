import { QcPage } from './QcPage';

/** 终检: the QC inspector's queue and the checklists. */
export default function FinalInspectionPage() {
  return <QcPage level="final" />;
}
