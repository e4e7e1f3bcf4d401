// ESLint plugin `keys` (wired in eslint.config.js for the apps' i18n.ts files):
//
//   keys/no-shadowed-spread-key   in an object literal built from spreads, a key that two parts both define is
//                                 an error: the later one silently wins. The apps' message catalogues are built so
//                                 (…customersZhCN, …visitsZhCN, 'app.name': …), and a key defined twice once made
//                                 the advisor app's 接车登记 read 活动签到. Type-aware: a spread's keys are the
//                                 properties of its type, so the message files must keep literal keys (no
//                                 `Record<string, string>` annotation, which would hide them).
const propertyNames = (checker, type) => checker.getPropertiesOfType(type).map((p) => p.getName());

const staticKey = (prop) => {
  if (prop.computed) return prop.key.type === 'Literal' ? String(prop.key.value) : null;
  if (prop.key.type === 'Identifier') return prop.key.name;
  if (prop.key.type === 'Literal') return String(prop.key.value);
  return null;
};

const describe = (sourceCode, node) =>
  node.type === 'SpreadElement' ? `...${sourceCode.getText(node.argument)}` : 'an own property';

const noShadowedSpreadKey = {
  meta: {
    type: 'problem',
    docs: { description: 'A key defined by two parts of an object literal built from spreads' },
    schema: [],
    messages: {
      shadowed: "'{{key}}' is defined by both {{first}} and {{second}}; the later silently wins. Rename one.",
    },
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) return {};
    const checker = services.program.getTypeChecker();
    return {
      ObjectExpression(node) {
        if (!node.properties.some((p) => p.type === 'SpreadElement')) return;
        const seen = new Map();
        for (const part of node.properties) {
          let keys;
          if (part.type === 'SpreadElement') {
            const tsNode = services.esTreeNodeToTSNodeMap.get(part.argument);
            keys = propertyNames(checker, checker.getTypeAtLocation(tsNode));
          } else {
            const key = staticKey(part);
            keys = key === null ? [] : [key];
          }
          for (const key of keys) {
            const first = seen.get(key);
            if (first !== undefined) {
              context.report({
                node: part,
                messageId: 'shadowed',
                data: { key, first: describe(context.sourceCode, first), second: describe(context.sourceCode, part) },
              });
            } else {
              seen.set(key, part);
            }
          }
        }
      },
    };
  },
};

export default { rules: { 'no-shadowed-spread-key': noShadowedSpreadKey } };
