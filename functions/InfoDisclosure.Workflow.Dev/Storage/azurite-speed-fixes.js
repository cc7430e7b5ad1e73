// Preloaded into Azurite (node -r) by AzuriteLauncher. Azurite 3.37's in-memory stores do work that grows with
// everything they hold on every request, so hundreds of reports at once slow the emulator down quadratically
// (docs/throughput.md, "Azurite's own cost"). Each fix below gives the same answers as the code it replaces.
"use strict";

const path = require("path");

const expectedVersion = "3.37.0";
const root = path.dirname(require.resolve("azurite/package.json", { paths: [process.cwd()] }));
const version = require(path.join(root, "package.json")).version;

if (version !== expectedVersion) {
  // The fixes replace methods of this exact version; another one runs as published.
  console.log(`azurite-speed-fixes: Azurite ${version} is not ${expectedVersion}; running it without the fixes.`);
} else {
  const src = path.join(root, "dist", "src");
  const load = (file) => require(path.join(src, file)).default;

  // 1. Every queue request first removes the queue's expired messages. LokiJS rebuilds every index of the whole
  //    message collection (all queues, durable timers included) on a batch removal, even an empty one; a removal of
  //    one document updates the indices in place. The queue's name comes first in the query, so that the index narrows
  //    the search to that queue (every message has the same account).
  const queueStore = load("queue/persistence/LokiQueueMetadataStore.js");
  queueStore.prototype.clearExpiredMessages = async function (account, queue, context) {
    this.checkQueueExist(account, queue, context);
    const messages = this.db.getCollection(this.MESSAGES_COLLECTION);
    const expired = messages
      .chain()
      .find({ queueName: queue, accountName: account, expirationTime: { $lte: new Date().getTime() } })
      .data();
    for (const message of expired) messages.remove(message);
  };

  // 2. The same batch removal, one per deleted message or blob body, in the extent store's collection.
  const extentStore = load("common/persistence/LokiExtentMetadataStore.js");
  extentStore.prototype.deleteExtent = async function (extentId) {
    const extents = this.db.getCollection(this.EXTENTS_COLLECTION);
    const extent = extents.findOne({ id: extentId });
    if (extent) extents.remove(extent);
  };

  // 3. A table query evaluates its filter on every entity of the table, although the collection has an index on
  //    PartitionKey. The engine reads an instance's history and status with "PartitionKey eq '…' [and …]": such a
  //    query now starts from the index and evaluates the whole filter on that partition only.
  const parseQuery = load("table/persistence/QueryInterpreter/QueryParser.js");
  const AndNode = load("table/persistence/QueryInterpreter/QueryNodes/AndNode.js");
  const EqualsNode = load("table/persistence/QueryInterpreter/QueryNodes/EqualsNode.js");
  const IdentifierNode = load("table/persistence/QueryInterpreter/QueryNodes/IdentifierNode.js");
  const ConstantNode = load("table/persistence/QueryInterpreter/QueryNodes/ConstantNode.js");

  const isPartitionKey = (node) => node instanceof IdentifierNode && node.identifier === "PartitionKey";
  const stringConstant = (node) =>
    node instanceof ConstantNode && typeof node.value === "string" ? node.value : undefined;

  // The PartitionKey every matching entity must have, when the filter requires one; undefined otherwise.
  const requiredPartition = (node) => {
    if (node instanceof EqualsNode) {
      if (isPartitionKey(node.left)) return stringConstant(node.right);
      if (isPartitionKey(node.right)) return stringConstant(node.left);
      return undefined;
    }
    if (node instanceof AndNode) return requiredPartition(node.left) ?? requiredPartition(node.right);
    return undefined;
  };

  const tableStore = load("table/persistence/LokiTableMetadataStore.js");
  const queryTableEntities = tableStore.prototype.queryTableEntities;
  tableStore.prototype.queryTableEntities = function (context, account, table, queryOptions) {
    let partition;
    let entities;
    try {
      partition = queryOptions?.filter ? requiredPartition(parseQuery(queryOptions.filter)) : undefined;
      entities = partition === undefined ? undefined : this.getEntityCollection(account, table, context);
    } catch {
      partition = undefined;
    }
    if (partition === undefined || !entities) return queryTableEntities.apply(this, arguments);

    // The original runs synchronously up to its result, so the narrowed chain() is seen by this query only.
    const chain = entities.chain;
    entities.chain = function () {
      return chain.apply(this, arguments).find({ PartitionKey: partition });
    };
    try {
      return queryTableEntities.apply(this, arguments);
    } finally {
      delete entities.chain;
    }
  };

  console.log(`azurite-speed-fixes: applied to Azurite ${version}.`);
}
