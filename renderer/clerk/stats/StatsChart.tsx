import { useEffect, useRef, useState } from 'react';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerParts, type ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the screen draws: bar charts, their grid and tooltip, the SVG renderer (crisp in
// screenshots and print, no canvas). The rest of ECharts stays out of the bundle.
registerParts([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Colours by the hall's contrast: in high contrast, yellow and cyan on black with white text. */
const PALETTE = {
  normal: { bar: '#1f5fa8', text: '#1a1a1a', axis: '#5a5a5a', split: '#dcdcdc' },
  high: { bar: '#ffd400', text: '#ffffff', axis: '#ffffff', split: '#7f7f7f' },
} as const;

function useContrast(): 'normal' | 'high' {
  const read = (): 'normal' | 'high' =>
    document.documentElement.dataset.contrast === 'high' ? 'high' : 'normal';
  const [contrast, setContrast] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setContrast(read()));
    observer.observe(document.documentElement, { attributeFilter: ['data-contrast'] });
    return () => observer.disconnect();
  }, []);
  return contrast;
}

/**
 * One bar chart. It is a picture for sighted readers: screen readers get `description` as its
 * name and read the table the screen puts beside it, which holds the same figures.
 */
export function StatsChart({
  bars,
  description,
  testId,
  horizontal = false,
}: {
  readonly bars: readonly (readonly [string, number])[];
  /** Bars across, for long category names (outcomes), each name on its own line. */
  readonly horizontal?: boolean;
  readonly description: string;
  readonly testId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const contrast = useContrast();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, undefined, { renderer: 'svg' });
    const c = PALETTE[contrast];
    const category = {
      type: 'category' as const,
      data: bars.map(([k]) => k),
      // Every name shown: ECharts would otherwise skip names that do not fit.
      axisLabel: {
        color: c.text,
        interval: 0,
        rotate: !horizontal && bars.length > 8 ? 40 : 0,
        fontSize: 12,
      },
      axisLine: { lineStyle: { color: c.axis } },
      ...(horizontal ? { inverse: true } : {}),
    };
    const value = {
      type: 'value' as const,
      minInterval: 1,
      axisLabel: { color: c.text, fontSize: 12 },
      splitLine: { lineStyle: { color: c.split } },
    };
    const option: Option = {
      animation: false,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{ type: 'bar', data: bars.map(([, n]) => n), itemStyle: { color: c.bar } }],
    };
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bars, contrast, horizontal]);
  return (
    <div
      ref={ref}
      className="stats-chart"
      role="img"
      aria-label={description}
      data-testid={testId}
    />
  );
}
