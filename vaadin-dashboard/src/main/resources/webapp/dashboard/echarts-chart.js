// <echarts-chart>: Apache ECharts (loaded before this file from the WebJar) as a custom element,
// driven from the server through two JSON string properties:
//   option  the whole chart; replaces whatever was shown
//   update  data only; merged into the current chart (ECharts' own merge), so it animates
// The chart renders into the element's light DOM, so tests can query everything it creates.
//
// Brand names are untrusted event data. Axis labels, legends and series labels are drawn on the
// canvas (never parsed as HTML); the only HTML ECharts builds is the tooltip, so every tooltip is
// made by tooltipFormatter below, which escapes every name and value it puts in.
(function () {
  'use strict';

  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
  }

  const FORMATS = {
    count: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
    currency: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }),
    compactCurrency: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact' }),
  };

  function formatValue(value, kind) {
    const number = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof number !== 'number') {
      return escapeHtml(number == null ? '' : number);
    }
    return escapeHtml((FORMATS[kind] || FORMATS.count).format(number));
  }

  // valueKinds: one entry per series index ("count" or "currency").
  function tooltipFormatter(valueKinds) {
    return (params) => {
      const items = Array.isArray(params) ? params : [params];
      if (items.length === 0) {
        return '';
      }
      const head = Array.isArray(params) ? '<div class="echarts-tooltip-title">' + escapeHtml(items[0].name) + '</div>' : '';
      const rows = items.map((item) => {
        const label = Array.isArray(params) ? item.seriesName : item.name;
        return '<div>' + item.marker + escapeHtml(label) + ': <b>'
          + formatValue(item.value, valueKinds[item.seriesIndex]) + '</b></div>';
      });
      return head + rows.join('');
    };
  }

  // Turns the server's plain-JSON hints into functions: tooltip.valueKinds and axis valueKind.
  function prepare(option) {
    if (option.tooltip) {
      const kinds = option.tooltip.valueKinds || [];
      delete option.tooltip.valueKinds;
      option.tooltip.formatter = tooltipFormatter(kinds);
    }
    for (const key of ['xAxis', 'yAxis']) {
      const axes = option[key] == null ? [] : (Array.isArray(option[key]) ? option[key] : [option[key]]);
      for (const axis of axes) {
        if (axis.valueKind === 'currency') {
          axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: (v) => FORMATS.compactCurrency.format(v) });
        }
        delete axis.valueKind;
      }
    }
    return option;
  }

  class EChartsChart extends HTMLElement {
    connectedCallback() {
      // Properties set before this element was upgraded live on the instance: move them to the setters.
      for (const name of ['option', 'update']) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
      this._chart = echarts.init(this, null, { renderer: 'canvas' });
      this._resizeObserver = new ResizeObserver(() => this._chart && this._chart.resize());
      this._resizeObserver.observe(this);
      this._render(this._option, true);
      this._render(this._update, false);
    }

    disconnectedCallback() {
      this._resizeObserver.disconnect();
      this._chart.dispose();
      this._chart = null;
    }

    get option() {
      return this._option;
    }

    set option(json) {
      this._option = json;
      this._update = null;
      this._render(json, true);
    }

    get update() {
      return this._update;
    }

    set update(json) {
      this._update = json;
      this._render(json, false);
    }

    /** The ECharts instance (tests use it to show a tooltip). */
    get chart() {
      return this._chart;
    }

    _render(json, replace) {
      if (this._chart && json) {
        this._chart.setOption(prepare(JSON.parse(json)), { notMerge: replace });
      }
    }
  }

  customElements.define('echarts-chart', EChartsChart);
})();
