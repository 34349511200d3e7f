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

.PHONY: help jdk venv build test unit-test sandbox clean

help:
	@echo "make run      - the whole connector locally (AWS emulator, Gradient sandbox, API on :3000)"
	@echo "make test     - every test: units, client vs sandbox, adapters vs AWS emulator, template checks"
	@echo "make build    - compile and package every module (no tests)"
	@echo "make sandbox  - the Gradient sandbox alone on port $(SANDBOX_PORT)"

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

test: jdk venv
	$(MVN) verify

sandbox: jdk
	$(MVN) -q -pl local/gradient-sandbox -am -DskipTests package
	java -jar local/gradient-sandbox/target/gradient-sandbox.jar --port $(SANDBOX_PORT) --demo

clean:
	$(MVN) -q clean || true
	rm -rf .aws-sam
