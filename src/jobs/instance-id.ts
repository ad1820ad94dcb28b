import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Names this process in leases and notification locks: host, pid and a random tail (pids repeat across containers). */
export function instanceId(): string {
  return `${hostname().slice(0, 60)}:${process.pid}:${randomBytes(4).toString("hex")}`;
}
