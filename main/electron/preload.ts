/**
 * Preload (sandboxed, context-isolated): exposes exactly one function to the page, which sends an
 * API envelope over the single IPC channel. Nothing else of Electron or Node reaches the renderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, PRELOAD_GLOBAL, type ApiRequest, type ApiResponse, type PreloadApi } from '../../shared/api/transport';

const api: PreloadApi = {
  invoke: (request: ApiRequest): Promise<ApiResponse> => ipcRenderer.invoke(IPC_CHANNEL, request) as Promise<ApiResponse>,
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
