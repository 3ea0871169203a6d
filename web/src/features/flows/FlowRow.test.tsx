import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { flow } from '../../testing/builders';
import { FlowRow } from './FlowRow';

describe('FlowRow', () => {
  it('shows hostile strings from a flow as text, never as markup', () => {
    const html = renderToStaticMarkup(
      <table>
        <tbody>
          <FlowRow
            flow={flow('x', {
              source_pod: 'shop/<img src=x onerror="window.__xss=1">',
              dest_pod: '',
              dest_names: ['<script>alert(1)</script>'],
              l7_summary: 'GET http://cart/<script>window.__xss=2</script> 200',
              drop_reason: '<b>bold</b>',
              verdict: 'DROPPED',
            })}
          />
        </tbody>
      </table>,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=');
    expect(html).toContain('&lt;script&gt;');
  });

  it('shows time, endpoints, protocol/port and verdict with drop reason', () => {
    const html = renderToStaticMarkup(
      <table>
        <tbody>
          <FlowRow
            flow={flow('y', {
              verdict: 'DROPPED',
              drop_reason: 'POLICY_DENIED',
              protocol: 'HTTP',
              dest_port: 80,
            })}
          />
        </tbody>
      </table>,
    );
    expect(html).toContain('15:04:05.123');
    expect(html).toContain('shop/frontend-1');
    expect(html).toContain('HTTP/80');
    expect(html).toContain('DROPPED (POLICY_DENIED)');
  });
});
