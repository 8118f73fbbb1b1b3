import { readProcessCpuTicks, readSystemCpuTicks, ticksToMicroseconds, type ProcessCpuTicks } from "./procfs";

/** Other processes may use this much of one core during a measurement before it is flagged noisy. */
export const NOISY_OTHER_CORES = 0.1;

interface CpuSnapshot {
  readonly wallNs: bigint;
  readonly server: ProcessCpuTicks;
  readonly selfTicks: number;
  readonly systemBusyTicks: number;
  readonly systemStealTicks: number;
  readonly client: NodeJS.CpuUsage;
}

/** Where the CPU went while one measurement ran. Times in microseconds; `*Cores` are time over wall time. */
export interface CpuFigures {
  readonly wallSeconds: number;
  readonly serverCpuUs: number;
  /** Of serverCpuUs, the kernel's share (stime): sockets and files. */
  readonly serverSystemCpuUs: number;
  /** This bench process (the SDK client and the verification), from getrusage: finer than clock ticks. */
  readonly clientCpuUs: number;
  /** Every other process on the machine, and time the hypervisor stole: what makes a run noisy. */
  readonly otherCpuUs: number;
  readonly stealCpuUs: number;
  readonly serverCores: number;
  readonly clientCores: number;
  readonly otherCores: number;
  readonly noisy: boolean;
}

export class CpuMeter {
  private constructor(
    private readonly serverPid: number,
    private readonly start: CpuSnapshot,
  ) {}

  static start(serverPid: number): CpuMeter {
    return new CpuMeter(serverPid, snapshot(serverPid));
  }

  stop(): CpuFigures {
    const end = snapshot(this.serverPid);
    const start = this.start;
    const wallUs = Number(end.wallNs - start.wallNs) / 1000;
    const serverSystemTicks = end.server.system - start.server.system;
    const serverTicks = end.server.user - start.server.user + serverSystemTicks;
    const selfTicks = end.selfTicks - start.selfTicks;
    const otherTicks = Math.max(0, end.systemBusyTicks - start.systemBusyTicks - serverTicks - selfTicks);
    const clientCpuUs = end.client.user - start.client.user + (end.client.system - start.client.system);
    const serverCpuUs = ticksToMicroseconds(serverTicks);
    const otherCpuUs = ticksToMicroseconds(otherTicks);
    const otherCores = otherCpuUs / wallUs;
    return {
      wallSeconds: wallUs / 1e6,
      serverCpuUs,
      serverSystemCpuUs: ticksToMicroseconds(serverSystemTicks),
      clientCpuUs,
      otherCpuUs,
      stealCpuUs: ticksToMicroseconds(end.systemStealTicks - start.systemStealTicks),
      serverCores: serverCpuUs / wallUs,
      clientCores: clientCpuUs / wallUs,
      otherCores,
      noisy: otherCores > NOISY_OTHER_CORES,
    };
  }
}

function snapshot(serverPid: number): CpuSnapshot {
  const system = readSystemCpuTicks();
  return {
    wallNs: process.hrtime.bigint(),
    server: readProcessCpuTicks(serverPid),
    selfTicks: total(readProcessCpuTicks("self")),
    systemBusyTicks: system.busy,
    systemStealTicks: system.steal,
    client: process.cpuUsage(),
  };
}

function total(ticks: ProcessCpuTicks): number {
  return ticks.user + ticks.system;
}
