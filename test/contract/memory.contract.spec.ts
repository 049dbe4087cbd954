import { MemoryEventStore } from '../../src/eventStore/memory.adapter';
import { eventStoreContract } from './eventStore.contract';

eventStoreContract('memory', async () => ({ store: new MemoryEventStore(), densePositions: true }));
