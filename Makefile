# Carbon Ledger — everything an operator or developer runs locally. See docs/operations.md.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

MVNW := ./mvnw -B -q
NET  := network/scripts
CHAINCODE_JAR := chaincode/target/carbonledger-chaincode.jar

.PHONY: help up down status logs wipe test build binaries network chaincode services demo redeploy unit-test test-tools test-scripts check-reproducible test-external-db test-faults broker plant-sim

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

up: build network broker chaincode services demo ## Build, start network, chaincode and services, seed the demo (idempotent)
	@echo
	@echo "Carbon Ledger is up: network (channel carbon, chaincode carbonledger), one service per organization, demo data."
	@for org in steelco applianceco certco; do \
	  port=$$(case $$org in steelco) echo 8443;; applianceco) echo 8444;; certco) echo 8445;; esac); \
	  echo "  $$org service: https://localhost:$$port   (API /api/v1, docs /swagger-ui/index.html, health /health)"; \
	  sed -n 's/^\(ADMIN\|OPERATOR\|READER\)_CLIENT=\(.*\)/    client \2/p' service/run/$$org/demo-clients.env | paste -d' ' - <(sed -n 's/^\(ADMIN\|OPERATOR\|READER\)_SECRET=\(.*\)/secret \2/p' service/run/$$org/demo-clients.env); \
	done
	@echo "  token:            curl -sk -u steelco-reader:SECRET -d grant_type=client_credentials https://localhost:8443/oauth/token"
	@echo "  demo batch:       GET /api/v1/batches/09506000134390/WM-2611-001 (washing machines, four tiers, attested)"
	@echo "  connection files: network/run/connection/{steelco,applianceco,certco}.json"
	@echo "  logs:             network/run/logs/   (make logs)      health: make status"

build: ## Compile and package what `up` runs (no tests): the chaincode, the service, the demo seeder, carbonctl (skipped when no source changed; FORCE=1 builds anyway)
	@$(NET)/build.sh $(if $(FORCE),--force,)

binaries: ## Build the pinned Fabric binaries into the per-machine cache
	@$(NET)/build-binaries.sh

network: binaries ## Start orderers and peers, join the channel
	@$(NET)/up.sh

chaincode: ## Deploy the packaged chaincode (no-op when unchanged)
	@$(NET)/deploy-chaincode.sh $(CHAINCODE_JAR)

services: ## Start the service of each organization (https://localhost:8443-8445, embedded MariaDB)
	@$(NET)/write-connections.sh >/dev/null
	@$(NET)/service-up.sh

broker: ## Start the plants' MQTT broker (Mosquitto on 127.0.0.1:1883, users and passwords under network/run/broker)
	@$(NET)/broker.sh start

plant-sim: ## Start the demo plant: SteelCo's two simulated lines streaming signed readings (needs services and broker up)
	@$(NET)/plant-sim.sh start

demo: ## Seed the demo supply chain (the worked example) through the services' API
	@$(NET)/seed-demo.sh

redeploy: build ## Rebuild and upgrade the chaincode (sequence + 1), keeping the ledger
	@$(NET)/deploy-chaincode.sh $(CHAINCODE_JAR)

down: ## Stop every process `make up` started
	@$(NET)/down.sh

status: ## Each orderer, peer and chaincode up, lagging or down with its channel height; non-zero unless all healthy
	@$(NET)/status.sh

logs: ## Follow the logs of every node (make logs NODES="orderer0 peer-steelco")
	@$(NET)/logs.sh $(NODES)

wipe: ## Stop everything and delete ledgers, crypto material and connection files
	@$(NET)/wipe.sh

unit-test: ## Unit tests only (no network needed)
	./mvnw -B test

# The production database path: the service's unit suite again, through MySQL Connector/J, on Debian's MariaDB server
# run by external-db.sh (port 3307, data in network/run/external-db), including the kill of that server mid-write.
test-external-db: ## The service's unit tests on an external MySQL-compatible server (installs mariadb-server if missing)
	@$(NET)/external-db.sh start
	@trap '$(NET)/external-db.sh stop' EXIT; set -a; eval "$$($(NET)/external-db.sh env test)"; set +a; \
	  ./mvnw -B -pl service -am test -Dtest='org.carbonledger.service.**,!*IT' -Dsurefire.failIfNoSpecifiedTests=false

test-tools: ## Install what the tests need beyond the build (headless Chromium and its driver) when missing
	@$(NET)/test-tools.sh

check-reproducible: ## Build twice (as `make up` does) and fail unless the chaincode, service and demo jars are identical
	@$(NET)/check-reproducible.sh

test-scripts: ## Tests of the network scripts' logic, with the Fabric CLIs stubbed (no network needed)
	@network/scripts/test/run.sh

test: test-scripts up test-tools ## Every test: script tests, unit tests, then integration tests against the running network
	./mvnw -B verify
	@$(MAKE) --no-print-directory test-external-db
	@$(MAKE) --no-print-directory test-faults

test-faults: ## The fault-injection suite against the running product (FAULTS="orderer0 machine" for some); see docs/operations.md
	@$(NET)/fault-suite.sh
