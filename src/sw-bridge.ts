export function registerServiceWorker(): void {}
export function onUpdateReady(_cb: () => void): () => void { return () => {}; }
export function applyUpdate(): void {}
