// @vitest-environment happy-dom
// The select hands back the value of the option chosen, typed as its options are (a contract enum
// stays that enum without a cast), and nothing for a value no option has.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { Select } from './ui';
import { REPORT_REASONS, type ReportReason } from '../api/moderation';

afterEach(cleanup);

describe('Select', () => {
  it('answers the chosen option of a contract enum, and nothing for a value it does not offer', () => {
    const got: ReportReason[] = [];
    render(<Select label="Grund" value="spam" onValue={(v) => got.push(v)} options={REPORT_REASONS.map((r) => ({ value: r, label: r }))} />);
    const select = screen.getByLabelText<HTMLSelectElement>('Grund');
    expect([...select.options].map((o) => o.value)).toEqual(['spam', 'abuse', 'hate', 'misinformation', 'illegal', 'privacy', 'other']);
    fireEvent.change(select, { target: { value: 'hate' } });
    expect(got).toEqual(['hate']);
    const forged = document.createElement('option');
    forged.value = 'forged';
    select.append(forged);
    fireEvent.change(select, { target: { value: 'forged' } });
    expect(got).toEqual(['hate']);
  });
});
