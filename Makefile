# Carbon Ledger — everything an operator or developer runs locally. See docs/operations.md.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

MVNW := ./mvnw -B -q
NET  := network/scripts
CHAINCODE_JAR := chaincode/target/carbonledger-chaincode.jar

.PHONY: help up down status logs wipe test build binaries network chaincode redeploy unit-test

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

up: build network chaincode ## Build, start the network, deploy the chaincode (idempotent)
	@$(NET)/write-connections.sh >/dev/null
	@echo
	@echo "Carbon Ledger network is up (channel carbon, chaincode carbonledger)."
	@echo "  connection files: network/run/connection/{steelco,applianceco,certco}.json"
	@echo "  node logs:        network/run/logs/   (make logs)"
	@echo "  health:           make status"

build: ## Compile and package what `up` runs (no tests): the chaincode and the modules it needs
	$(MVNW) -Dmaven.test.skip=true -pl chaincode -am install

binaries: ## Build the pinned Fabric binaries into the per-machine cache
	@$(NET)/build-binaries.sh

network: binaries ## Start orderers and peers, join the channel
	@$(NET)/up.sh

chaincode: ## Deploy the packaged chaincode (no-op when unchanged)
	@$(NET)/deploy-chaincode.sh $(CHAINCODE_JAR)

redeploy: build ## Rebuild and upgrade the chaincode (sequence + 1), keeping the ledger
	@$(NET)/deploy-chaincode.sh $(CHAINCODE_JAR)

down: ## Stop every process `make up` started
	@$(NET)/down.sh

status: ## Each orderer, peer and chaincode up or down, channel height, committed chaincode
	@$(NET)/status.sh

logs: ## Follow the logs of every node (make logs NODES="orderer0 peer-steelco")
	@$(NET)/logs.sh $(NODES)

wipe: ## Stop everything and delete ledgers, crypto material and connection files
	@$(NET)/wipe.sh

unit-test: ## Unit tests only (no network needed)
	./mvnw -B test

test: up ## Every test: unit tests, then integration tests against the running network
	./mvnw -B verify
