// The sandboxed preload: exposes window.pos and nothing else (no ipcRenderer, no event objects).
import { contextBridge, ipcRenderer } from 'electron';
import { buildPosBridge } from './bridge';

contextBridge.exposeInMainWorld('pos', buildPosBridge(ipcRenderer));
