import { ShutdownState } from './shutdown-state';

describe('ShutdownState', () => {
  it('turns to shutting down on begin, before anything is drained', () => {
    const state = new ShutdownState();
    const drained = jest.fn();
    state.onDrain(drained);
    expect(state.isShuttingDown).toBe(false);
    state.begin();
    expect(state.isShuttingDown).toBe(true);
    expect(drained).not.toHaveBeenCalled();
  });

  it('calls each subscribed listener once on drain, and not those that unsubscribed', () => {
    const state = new ShutdownState();
    const open = jest.fn();
    const ended = jest.fn();
    state.onDrain(open);
    const unsubscribe = state.onDrain(ended);
    unsubscribe();
    state.drain();
    state.drain();
    expect(open).toHaveBeenCalledTimes(1);
    expect(ended).not.toHaveBeenCalled();
  });

  it('calls a listener that subscribes after the drain at once, so a late stream still ends', () => {
    const state = new ShutdownState();
    state.drain();
    const late = jest.fn();
    state.onDrain(late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
