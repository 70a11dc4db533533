<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Home</name>
    <message>
      <location filename="../../counter_app/ui/home_page.py" line="16" />
      <source>Signed in: %1 (%2), terminal %3</source>
      <translation>当前用户：%1（%2），终端 %3</translation>
    </message>
  </context>
  <context>
    <name>LoginWidget</name>
    <message>
      <location filename="../../counter_app/ui/login.py" line="28" />
      <source>Counter — comprehensive window</source>
      <translation>综合窗口受理台</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="41" />
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="41" />
      <source>Unlock</source>
      <translation>解锁</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="44" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="45" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="64" />
      <source>Enter your user name</source>
      <translation>请输入用户名</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../counter_app/ui/login_window.py" line="44" />
      <source>The database could not be opened: %1</source>
      <translation>无法打开数据库：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="34" />
      <source>Counter — comprehensive window acceptance</source>
      <translation>综合窗口受理台</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="63" />
      <source>%1 · terminal %2</source>
      <translation>%1 · 终端 %2</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="91" />
      <source>Screen locked</source>
      <translation>屏幕已锁定</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="106" />
      <source>Only the signed-in user can unlock</source>
      <translation>只有当前登录的用户才能解锁</translation>
    </message>
  </context>
</TS>