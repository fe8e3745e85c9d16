-- Issue #13 (words, not codes): the built-in 科创指数 method's note named a source file; reword it.
UPDATE index_method_versions
   SET note = '平台内置方法（按 OECD/JRC 方法设定的初始权重与目标值）'
 WHERE origin = 'builtin' AND note = '内置方法（src/index/engine/method.ts）';
