#!/usr/bin/env bun
import { runConnector } from 'lumos-connector-sdk';
import { integration } from './integration.ts';

await runConnector(integration);
