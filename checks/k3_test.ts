import { requiredClaimsPass } from "./_scenario_test_util.ts";

await requiredClaimsPass("k3");
