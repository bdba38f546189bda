package org.astrobridge.fits;

import java.lang.management.ManagementFactory;

/** Bytes allocated so far by the calling thread (HotSpot's per-thread allocation counter). */
final class AllocationMeter {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private AllocationMeter() {}

	static long allocatedBytes() {
		return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
	}
}
