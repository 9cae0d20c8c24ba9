// Lint the TypeScript sources with the recommended rules; type-aware rules stay off to keep `npm test` fast.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const noLocalRuntime = { group: ["**/local/**"], message: "functions/ and shared/ never depend on the local runtime." };

// ESLint reads the default export.
// eslint-disable-next-line no-restricted-syntax
export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".data/**", "test-results/**", "coverage/**", ".deploy/**", ".tools/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", { selector: "ExportDefaultDeclaration", message: "Use named exports." }]
    }
  },
  {
    files: ["functions/**/*.ts", "shared/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [noLocalRuntime] }]
    }
  },
  {
    // Services are handed in by the wrappers; only shared/wiring.ts binds the composition root (functions/ imports
    // it). A lookup from inside shared/ would tie its folders into one import loop again. (The same rule replaces the
    // one above for these files, so it repeats the local/ pattern.)
    files: ["shared/**/*.ts"],
    ignores: ["shared/wiring.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noLocalRuntime,
            {
              group: ["**/composition-root", "**/wiring"],
              message:
                "shared/ gets its services handed in (see shared/wiring.ts); import the Services type from shared/services.ts."
            }
          ]
        }
      ]
    }
  },
  {
    // The pages' one script runs in the browser as a classic script (shared/pages/assets/app.js), without a build step.
    files: ["shared/pages/assets/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { window: "readonly", document: "readonly", fetch: "readonly", setTimeout: "readonly", CSS: "readonly" }
    }
  }
);
