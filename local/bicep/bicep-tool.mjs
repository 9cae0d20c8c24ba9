// Finds a Bicep CLI to compile infra/ with, or installs the pinned one. In order: the pinned version already in the
// project's tools folder (.tools/, git-ignored); `bicep` on PATH; `az bicep`; else the pinned version restored from
// NuGet (package Azure.Bicep.CommandLine.<rid>, which carries the executable) by a `dotnet restore` of a generated
// project with a <PackageDownload>. The restore asks whatever NuGet sources dotnet is configured with on this machine
// (`dotnet nuget list source`), so a mirror set up there is used as it is.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";

export const pinnedBicepVersion = "0.49.2";

/** NuGet runtime identifiers the Bicep CLI is published for, by Node's platform and architecture. */
const runtimeIds = {
  "linux-x64": "linux-x64",
  "linux-arm64": "linux-arm64",
  "darwin-x64": "osx-x64",
  "darwin-arm64": "osx-arm64",
  "win32-x64": "win-x64",
  "win32-arm64": "win-arm64"
};

const quietDotnet = { DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1", DOTNET_SKIP_FIRST_TIME_EXPERIENCE: "1" };

export function toolsFolder(root) {
  return join(root, ".tools", "bicep", pinnedBicepVersion);
}

function runtimeId() {
  const id = runtimeIds[`${process.platform}-${process.arch}`];
  if (!id) throw new Error(`No Bicep CLI package is published for ${process.platform}-${process.arch}`);
  return id;
}

/** Where the pinned executable lands inside the tools folder (NuGet lower-cases package folder names). */
export function pinnedExecutable(root) {
  const file = process.platform === "win32" ? "bicep.exe" : "bicep";
  return join(
    toolsFolder(root),
    "packages",
    `azure.bicep.commandline.${runtimeId()}`,
    pinnedBicepVersion,
    "tools",
    file
  );
}

/** "0.49.2" from "Bicep CLI version 0.49.2 (b34271ac51)"; undefined when the command is missing or fails. */
function versionOf(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error || result.status !== 0) return undefined;
  return /Bicep CLI version (\d+\.\d+\.\d+)/.exec(`${result.stdout}${result.stderr}`)?.[1];
}

/**
 * A Bicep CLI as { version, source, build(file, outFile), lint(file) }: the last two give the argv to run.
 * `install` false only looks; true installs the pinned version when nothing is found.
 */
export function findBicep(root, { install = true, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const pinned = pinnedExecutable(root);
  if (existsSync(pinned) && versionOf(pinned, ["--version"]) === pinnedBicepVersion)
    return plainBicep(pinned, pinnedBicepVersion, `pinned, in ${toolsFolder(root)}`);
  const onPath = versionOf("bicep", ["--version"]);
  if (onPath) return plainBicep("bicep", onPath, "bicep on PATH");
  const fromAz = versionOf("az", ["bicep", "version"]);
  if (fromAz) {
    return {
      version: fromAz,
      source: "az bicep",
      build: (file, outFile) => ["az", ["bicep", "build", "--file", file, "--outfile", outFile]],
      lint: (file) => ["az", ["bicep", "lint", "--file", file]]
    };
  }
  if (!install) return undefined;
  installPinned(root, log);
  return plainBicep(pinned, pinnedBicepVersion, `pinned, installed into ${toolsFolder(root)}`);
}

function plainBicep(executable, version, source) {
  return {
    version,
    source,
    build: (file, outFile) => [executable, ["build", file, "--outfile", outFile]],
    lint: (file) => [executable, ["lint", file]]
  };
}

/** The SDK's own target framework (net10.0 for SDK 10.0.x): a <PackageDownload> restore needs no targeting pack. */
function dotnetTargetFramework() {
  let version;
  try {
    version = execFileSync("dotnet", ["--version"], {
      encoding: "utf8",
      env: { ...process.env, ...quietDotnet }
    }).trim();
  } catch (error) {
    throw new Error(
      `The Bicep CLI is not on PATH and installing it needs the .NET SDK (dotnet), which failed: ${error.message}`
    );
  }
  return `net${version.split(".")[0]}.0`;
}

/** Restores into a scratch folder and renames it into place, so a failed or interrupted restore leaves nothing half-made. */
export function installPinned(root, log) {
  const id = runtimeId();
  const target = toolsFolder(root);
  const scratch = `${target}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const project = [
    '<Project Sdk="Microsoft.NET.Sdk">',
    `  <PropertyGroup><TargetFramework>${dotnetTargetFramework()}</TargetFramework></PropertyGroup>`,
    `  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.${id}" Version="[${pinnedBicepVersion}]" /></ItemGroup>`,
    "</Project>",
    ""
  ].join("\n");
  writeFileSync(join(scratch, "bicep-download.csproj"), project);
  log(`Installing the Bicep CLI ${pinnedBicepVersion} (NuGet package Azure.Bicep.CommandLine.${id}) into ${target}`);
  const restore = spawnSync(
    "dotnet",
    [
      "restore",
      join(scratch, "bicep-download.csproj"),
      "--packages",
      join(scratch, "packages"),
      "--verbosity",
      "quiet"
    ],
    {
      encoding: "utf8",
      env: { ...process.env, ...quietDotnet }
    }
  );
  if (restore.error || restore.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(
      `dotnet restore of Azure.Bicep.CommandLine.${id} ${pinnedBicepVersion} failed:\n${restore.error?.message ?? ""}${restore.stdout}${restore.stderr}`
    );
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(scratch, target);
  const executable = pinnedExecutable(root);
  // The package stores the file as rwxr--r--: readable and runnable by everyone, writable by the owner only.
  if (process.platform !== "win32") chmodSync(executable, 0o755);
  const version = versionOf(executable, ["--version"]);
  if (version !== pinnedBicepVersion)
    throw new Error(`${executable} reports version ${version ?? "nothing"}, expected ${pinnedBicepVersion}`);
}
