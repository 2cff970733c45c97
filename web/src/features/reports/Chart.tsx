import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

// Only what the dashboard draws (the `lib/` build of echarts-for-react crashes at runtime).
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A chart; `onPick` gets the clicked point's data index and series name (drill-down). */
export function Chart({ option, height = 260, onPick }: { option: EChartsOption; height?: number; onPick?: (index: number, series: string) => void }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height, width: '100%' }}
      onEvents={onPick ? { click: (e: { dataIndex: number; seriesName: string }) => onPick(e.dataIndex, e.seriesName) } : undefined}
    />
  );
}
