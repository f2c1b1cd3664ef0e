package io.outbound.campaign.internal.engine;

/**
 * Lets the dispatcher wait for a deadline or for a signal that work may be due (a start, a resume, an
 * update, a freed slot), whichever comes first. A signal sent while nobody waits is not lost.
 */
final class Wakeup {
    private boolean signalled;

    synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    /** Waits up to the given milliseconds or until signalled; clears the signal. */
    synchronized void await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!signalled) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        signalled = false;
    }
}
