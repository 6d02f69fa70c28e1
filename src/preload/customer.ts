// The customer display's preload (issue 14 point 3): exposes window.customer.onView and nothing else.
// One channel, receive only: this page can call nothing in core and never sees the IPC event.
import { contextBridge, ipcRenderer } from 'electron';
import { buildCustomerBridge } from './customer-bridge';

contextBridge.exposeInMainWorld('customer', buildCustomerBridge(ipcRenderer));
