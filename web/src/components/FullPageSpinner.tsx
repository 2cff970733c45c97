import { Spin } from 'antd';

export function FullPageSpinner() {
  return (
    <div style={{ display: 'flex', minHeight: '60vh', height: '100%', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}
