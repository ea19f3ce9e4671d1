export { PRISM_STARTUP_TIMEOUT_MS, startPrism, type MockServer } from "./prism.js";
export {
  binPath,
  freePort,
  hasExited,
  repoRoot,
  runProcess,
  signalProcess,
  startProcess,
  stopProcess,
  STOP_GRACE_MS,
  untilOutput,
  waitForExit,
  type Exit,
  type Finished,
  type RunOptions,
  type Running,
  type StartOptions,
} from "./process.js";
export {
  jsonResponse,
  recordingFetch,
  type RecordedRequest,
  type RecordingFetch,
  type Responder,
} from "./recording-fetch.js";
export { declaredStatuses } from "./spec.js";
export {
  answer,
  startScriptedServer,
  type Hit,
  type ScriptedServer,
  type Step,
} from "./scripted-server.js";
