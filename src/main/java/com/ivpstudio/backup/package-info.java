/**
 * Backup and restore of everything the app keeps in PostgreSQL (cases, photos, snapshots, audit, users, the model
 * registry and, once stored there, the model bytes) as one consistent archive, taken while the app runs.
 * Command line only: {@code java -jar ivp-studio.jar backup|restore ...} (see docs/reliability.md).
 */
package com.ivpstudio.backup;
