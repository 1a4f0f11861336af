// Moved to bench/support so that the service benchmark plays Teams with the same harness as the e2e tests.
export * from "../../bench/support/teams";
