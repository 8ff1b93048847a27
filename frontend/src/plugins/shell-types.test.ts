// The type definitions for plugin authors (types/quartier-shell.d.ts) must name exactly the
// members the web UI's shell and kit have: this file does not compile (tsc in the build) when
// one is added or removed on either side without the other.
import { describe, expect, it } from 'vitest';
import type { Kit as PublicKit, LiveEvent as PublicLiveEvent, Shell as PublicShell, SlotName as PublicSlot } from '../../types/quartier-shell';
import type { LiveEvent } from './liveEvents';
import type { Shell } from './shell';
import type { Kit } from '../kit';
import type { SlotName } from './slots';
import { makeShell } from './shell';

type Same<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : { onlyLeft: Exclude<A, B>; onlyRight: Exclude<B, A> };
const shellMembers: Same<keyof Shell, keyof PublicShell> = true;
const kitMembers: Same<keyof Kit, keyof PublicKit> = true;
const slots: Same<SlotName, PublicSlot> = true;
const version: PublicShell['apiVersion'] = 3 satisfies Shell['apiVersion'];
// Every frame the shell hands a plugin's handler (typed from the contract) is one the authors' type describes, and each type of it is named there.
const frames = (event: LiveEvent): PublicLiveEvent => event;
const frameTypes: Same<LiveEvent['type'], PublicLiveEvent['type']> = true;

describe('plugin author types', () => {
  it('name the members the shell has', () => {
    const shell = makeShell(null);
    expect([shellMembers, kitMembers, slots, frameTypes]).toEqual([true, true, true, true]);
    expect(frames({ type: 'resync' })).toEqual({ type: 'resync' });
    expect(shell.apiVersion).toBe(version);
    for (const [name, member] of Object.entries(shell.kit)) expect(typeof member, name).toBe('function');
  });
});
