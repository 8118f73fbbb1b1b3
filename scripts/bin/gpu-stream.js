#!/usr/bin/env node
// A committed shim so npm can link the bin before `prepare` has compiled dist/.
require("../dist/cli.js");
