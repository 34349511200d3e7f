# Gradient Connector — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT        := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
VENV        := $(ROOT)/.venv
VENV_STAMP  := $(VENV)/.installed-$(shell sha1sum $(ROOT)/local/requirements.txt | cut -c1-12)
PYTHON      ?= python3
MVN_FLAGS   ?= -B -ntp
SANDBOX_PORT ?= 8089

# A JDK >= 21 picked by local/bin/find-jdk.sh: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
JDK := $(shell JAVA_HOME='$(JAVA_HOME)' bash $(ROOT)/local/bin/find-jdk.sh)
ifneq ($(JDK),)
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(VENV)/bin:$(PATH)
endif
MVN := mvn $(MVN_FLAGS)

.PHONY: help jdk venv build test unit-test sandbox clean template-lint template-check run run-build browser bench soak soak-lifecycle soak-lifecycle-run teardown

help:
	@echo "make run      - the whole connector locally (AWS emulator, Gradient sandbox, API on :3000); docs/LOCAL-RUN.md"
	@echo "make test     - every test: units, client vs sandbox, adapters vs AWS emulator, template checks"
	@echo "make build    - compile and package every module (no tests)"
	@echo "make sandbox  - the Gradient sandbox alone on port $(SANDBOX_PORT)"
	@echo "make template-lint - sam validate (SAM translator) and sam validate --lint (cfn-lint) of template.yaml"
	@echo "make template-check - template-lint, sam build of every function, and each handler loaded from its artifact"
	@echo "make bench    - push throughput, cold start, account sync, webhook ingestion: tables + JSON in target/bench/"
	@echo "make soak     - the connector under injected faults, a worker killed mid-batch; every count compared, then the lifecycle model test"
	@echo "make soak-lifecycle - the lifecycle model test, long: 5 seeds x 200 rounds (docs/GUARANTEES.md)"
	@echo "make teardown STACK=name [TEARDOWN_OPTS='--keep-data --dry-run ...'] - delete a deployed stack and its partner secrets (docs/DEPLOY.md)"

jdk:
	@if [ -z "$(JDK)" ]; then \
	  echo "ERROR: no JDK >= 21 found. Set JAVA_HOME to a JDK 21+ or install one under /usr/lib/jvm" >&2; \
	  echo "       (for example: apt-get install openjdk-21-jdk-headless)." >&2; exit 1; fi
	@echo "Using JDK at $(JDK)"

$(VENV_STAMP): local/requirements.txt
	@echo "Installing Python tools (moto, SAM CLI, cfn-lint) into .venv"
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r local/requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

venv: $(VENV_STAMP)

build: jdk
	$(MVN) -DskipTests verify

test: jdk venv browser
	$(MVN) verify
	$(MAKE) --no-print-directory template-check

# ---------------------------------------------------------------- benchmarks and soak (local/bench, BENCHMARKS.md)
# Not part of `make test`. Both package what they measure (every function artifact, the runner), then run from
# local/bench/target/classes with the classpath Maven wrote. BENCH_SECTIONS picks sections (push mixed coldstart sync
# ingest); BENCH_OPTS passes -D options (e.g. -Dbench.runs=11 -Dbench.cds=false).
BENCH_CP = local/bench/target/classes:$$(cat local/bench/target/classpath.txt)
BENCH_SECTIONS ?= push mixed coldstart sync ingest
BENCH_OPTS ?=

bench: jdk venv
	$(MVN) -q -DskipTests -pl local/bench -am package
	AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test java -cp $(BENCH_CP) -Dconnector.root=$(ROOT) $(BENCH_OPTS) \
		io.gradientconnector.bench.BenchMain $(BENCH_SECTIONS)

soak: jdk venv
	$(MVN) -q -DskipTests -pl local/bench -am package
	java -cp $(BENCH_CP) -Dconnector.root=$(ROOT) $(BENCH_OPTS) io.gradientconnector.bench.soak.SoakMain
	$(MAKE) --no-print-directory soak-lifecycle-run

# The lifecycle model test, long (docs/GUARANTEES.md): LIFECYCLE_OPTS passes -D options, e.g.
# LIFECYCLE_OPTS='-Dlifecycle.seed=3 -Dlifecycle.seeds=1' replays one seed.
LIFECYCLE_OPTS ?=

soak-lifecycle: jdk venv
	$(MVN) -q -DskipTests -pl local/bench -am package
	$(MAKE) --no-print-directory soak-lifecycle-run

soak-lifecycle-run:
	AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test java -cp $(BENCH_CP) -Dconnector.root=$(ROOT) $(LIFECYCLE_OPTS) \
		io.gradientconnector.bench.lifecycle.LifecycleSoak

# ---------------------------------------------------------------- make run (local/runner, docs/LOCAL-RUN.md)
# The whole connector in this terminal: moto from .venv (or AWS_ENDPOINT_URL), the template's resources, the
# Gradient sandbox on :8089 (or GRADIENT_BASE_URL), the API on 127.0.0.1:3000. Ctrl-C stops everything.
# `exec` makes the runner make's direct child, so Ctrl-C (and a SIGINT to the process group) reaches it at once.
RUN_JAR := local/runner/target/local-runner.jar

run: jdk venv run-build
	exec java -jar $(RUN_JAR)

run-build: jdk
	bash local/runner/bin/build-if-stale.sh $(MVN)

# The sandbox page test (local/runner SandboxPageBrowserIT) drives Debian's Chromium through chromedriver.
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then \
	  echo "Using $$(command -v chromium) and $$(command -v chromedriver)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing chromium and chromium-driver (Debian packages) for the sandbox page test"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver \
	    || { echo "ERROR: apt-get could not install chromium and chromium-driver" >&2; exit 1; }; \
	else \
	  echo "ERROR: the sandbox page test needs chromium and chromedriver. As root on Debian/Ubuntu:" >&2; \
	  echo "       apt-get update && apt-get install -y chromium chromium-driver" >&2; exit 1; \
	fi

sandbox: jdk
	$(MVN) -q -pl local/gradient-sandbox -am -DskipTests package
	java -jar local/gradient-sandbox/target/gradient-sandbox.jar --port $(SANDBOX_PORT) --demo

clean:
	$(MVN) -q clean || true
	rm -rf .aws-sam

# ---------------------------------------------------------------- template checks and sam build
# SAM CLI runs offline here: no telemetry, and a region only because the SAM translator insists on one
# (nothing is called in it).
SAM := SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1} $(VENV)/bin/sam

template-lint: venv
	$(SAM) validate --template-file template.yaml
	$(SAM) validate --lint --template-file template.yaml

# The JUnit rules (tools/template-check) run inside `mvn verify`; this adds the real build and loads
# every handler class from the artifact sam build made for it (DeploymentArtifactsCheck).
template-check: template-lint jdk
	rm -rf .aws-sam/build
	$(SAM) build --template-file template.yaml
	$(MVN) -q -pl tools/template-check -am test -Dtest=DeploymentArtifactsCheck -Dsurefire.failIfNoSpecifiedTests=false

# `sam build` runs `make build-<LogicalId>` here at the repository root (template.yaml: BuildMethod
# makefile, WorkingDirectory .) with ARTIFACTS_DIR set. Each target packages one function module and
# what it needs from the reactor, without running tests, and puts the module's shaded jar in
# $(ARTIFACTS_DIR)/lib/, which the Java runtime puts on the classpath. See docs/DEPLOY.md.
FUNCTION_MODULE_PartnerKeyFunction          := partner-key
FUNCTION_MODULE_VendorEventsFunction        := vendor-events
FUNCTION_MODULE_UsagePushFunction           := usage-push
FUNCTION_MODULE_AccountSyncScheduleFunction := account-sync
FUNCTION_MODULE_AccountSyncWorkerFunction   := account-sync
FUNCTION_MODULE_AlertDispatchFunction       := alert-dispatch
SAM_FUNCTIONS := PartnerKeyFunction VendorEventsFunction UsagePushFunction AccountSyncScheduleFunction AccountSyncWorkerFunction AlertDispatchFunction

.PHONY: $(addprefix build-,$(SAM_FUNCTIONS))
$(addprefix build-,$(SAM_FUNCTIONS)): build-%: jdk
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: sam build runs this target (see docs/DEPLOY.md)" >&2; exit 1; }
	@test -f functions/$(FUNCTION_MODULE_$*)/pom.xml || { echo "$*: module functions/$(FUNCTION_MODULE_$*) does not exist (yet)" >&2; exit 1; }
	$(MVN) -q -DskipTests -pl functions/$(FUNCTION_MODULE_$*) -am package
	@test -f functions/$(FUNCTION_MODULE_$*)/target/$(FUNCTION_MODULE_$*).jar || { \
	  echo "functions/$(FUNCTION_MODULE_$*)/target/$(FUNCTION_MODULE_$*).jar was not built: the module must shade into <finalName>$(FUNCTION_MODULE_$*)</finalName> (docs/DEPLOY.md)" >&2; exit 1; }
	rm -rf "$(ARTIFACTS_DIR)/lib" && mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/$(FUNCTION_MODULE_$*)/target/$(FUNCTION_MODULE_$*).jar "$(ARTIFACTS_DIR)/lib/"

# ---------------------------------------------------------------- teardown of a deployed stack (docs/DEPLOY.md)
# Real AWS: deletes the partner key secrets under the stack's prefix (unless --keep-data), then `sam delete`.
teardown: venv
	@test -n "$(STACK)" || { echo "usage: make teardown STACK=<stack name> [TEARDOWN_OPTS='--keep-data --delete-table --dry-run --region r']" >&2; exit 2; }
	SAM="$(VENV)/bin/sam" bash local/bin/teardown.sh --stack "$(STACK)" $(TEARDOWN_OPTS)
