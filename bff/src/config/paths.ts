import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, whether running from src/ (tsx, jest) or dist/ (compiled). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
