import { lazy, Suspense, useEffect, useRef } from 'react';
import { Skeleton } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * One ECharts chart, for any page: `<Chart option={…} height={280} />`. ECharts (line, bar and the usual
 * components only) is loaded on first use, in a chunk of its own, so the console's first page stays light.
 */
export type ChartProps = { option: EChartsCoreOption; height?: number; testId?: string };

const EChart = lazy(async () => {
  const { init } = await import('./echarts-setup.ts');
  const Drawn = ({ option, height = 280, testId }: ChartProps) => {
    const el = useRef<HTMLDivElement>(null);
    useEffect(() => {
      if (!el.current) return;
      const chart = init(el.current);
      chart.setOption(option);
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      return () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    }, [option]);
    return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
  };
  return { default: Drawn };
});

export const Chart = (props: ChartProps) => (
  <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 280 }} />}>
    <EChart {...props} />
  </Suspense>
);
