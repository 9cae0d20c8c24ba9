/**
 * Stands in for `@azure/functions-core`, the module the real Functions host injects into the Node worker.
 * `@azure/functions` looks it up with `require('@azure/functions-core')`; answering that require with this
 * object hands every `app.http(...)`, `app.timer(...)` registration to the local host unchanged, so function
 * files stay plain v4 code that also runs on Azure.
 */
import Module from "node:module";
import type { CoreFunctionMetadata, FunctionHandler } from "./registry";

export type HookName = "appStart" | "appTerminate" | "preInvocation" | "postInvocation" | "log";
type HookCallback = (context: unknown) => unknown;

export interface FunctionsCoreListener {
  onRegister(metadata: CoreFunctionMetadata, handler: FunctionHandler): void;
  onHook(name: HookName, callback: HookCallback): void;
  onLog(level: string, category: string, message: string): void;
}

const coreModuleName = "@azure/functions-core";

interface ModuleWithLoad {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

let installedListener: FunctionsCoreListener | undefined;

/** Installs the stand-in once per process; later calls only change who receives the registrations. */
export function provideFunctionsCore(listener: FunctionsCoreListener): void {
  if (installedListener) {
    installedListener = listener;
    return;
  }
  installedListener = listener;
  const core = {
    version: "local",
    hostVersion: "4.local",
    setProgrammingModel: () => undefined,
    getProgrammingModel: () => undefined,
    registerFunction(metadata: CoreFunctionMetadata, handler: FunctionHandler) {
      installedListener?.onRegister(metadata, handler);
      return { dispose: () => undefined };
    },
    registerHook(name: HookName, callback: HookCallback) {
      installedListener?.onHook(name, callback);
      return { dispose: () => undefined };
    },
    log(level: string, category: string, message: string) {
      installedListener?.onLog(level, category, message);
    }
  };
  const loader = Module as unknown as ModuleWithLoad;
  const originalLoad = loader._load;
  loader._load = function load(request: string, parent: unknown, isMain: boolean) {
    if (request === coreModuleName) return core;
    return originalLoad.call(this, request, parent, isMain);
  };
}
