<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>ApplicantForm</name>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="54" />
      <source>&amp;Person</source>
      <translation>个人(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="55" />
      <source>&amp;Organisation</source>
      <translation>单位(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="64" />
      <source>Resident ID</source>
      <translation>居民身份证</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="64" />
      <source>Passport</source>
      <translation>护照</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="65" />
      <source>Other ID</source>
      <translation>其他证件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="72" />
      <source>Reason to go on despite the warning</source>
      <translation>核对原件无误后，填写继续办理的理由</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="78" />
      <source>&amp;Agent applies on the applicant's behalf</source>
      <translation>委托代办人办理(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="118" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="119" />
      <source>ID type</source>
      <translation>证件类型</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="120" />
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="121" />
      <source>Organisation</source>
      <translation>单位名称</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="122" />
      <source>Credit code</source>
      <translation>信用代码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="123" />
      <source>Override reason</source>
      <translation>继续理由</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="124" />
      <source>Legal rep.</source>
      <translation>法定代表人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="125" />
      <source>Contact</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="126" />
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="127" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="128" />
      <source>Delivery</source>
      <translation>结果送达</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="129" />
      <source>Fee</source>
      <translation>收费档次</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="135" />
      <source>Agent name</source>
      <translation>代办人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="136" />
      <source>Agent ID no.</source>
      <translation>代办人证件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="137" />
      <source>Agent phone</source>
      <translation>代办人电话</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/applicant_form.py" line="144" />
      <source>Enter: next field · Ctrl+O: person/organisation · Ctrl+G: agent</source>
      <translation>回车：下一项 · Ctrl+O：个人/单位 · Ctrl+G：代办人</translation>
    </message>
  </context>
  <context>
    <name>ApproverDesk</name>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="55" />
      <source>① Scan the barcode on the handoff sheet  →  ② check each case  →  ③ Sign</source>
      <translation>① 扫描交接单上的条码　→　② 逐件核对　→　③ 签收</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="57" />
      <source>Find</source>
      <translation>查找</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="60" />
      <source>Scan anywhere on this screen, or type a batch or case number and press Enter</source>
      <translation>在本页面任何位置直接扫码即可；也可在此输入交接单号或办件编号后按回车</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="79" />
      <source>Waiting to be signed</source>
      <translation>待签收交接单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="87" />
      <source>Signed, to decide</source>
      <translation>已签收、待审批</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="91" />
      <source>Put the handoff sheet under the scanner and scan its barcode.

Or pick from the lists on the left: F2 batches to sign, F3 cases to decide, Enter opens.

Scanning a case barcode opens that case. F1 lists every key.</source>
      <translation>请用扫码枪扫描交接单上的条码。

也可在左侧列表中选择：F2 待签收交接单，F3 待审批办件，回车打开。

扫描办件条码可查看该办件。F1 查看全部按键。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="122" />
      <location filename="../../counter_app/ui/approver/page.py" line="257" />
      <source>%1 · promised by %4
%2 · %3</source>
      <translation>%1　限 %4
%2 · %3</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="231" />
      <source>Unexpected error: %1</source>
      <translation>发生意外错误：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="264" />
      <source>Signed by %1</source>
      <translation>签收人：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="272" />
      <source>Nothing waits for a decision.</source>
      <translation>没有待审批的办件。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="275" />
      <source>Signed, to decide (%1)</source>
      <translation>已签收、待审批（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="277" />
      <source>%1 past due</source>
      <translation>%1 件已超期</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="281" />
      <source>Department: %1</source>
      <translation>所属部门：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="285" />
      <source>No department set for your account: every department's work is shown. Ask the supervisor to set it.</source>
      <translation>您的账号未设置所属部门：现显示全部部门的交接单和办件。请管理员设置所属部门。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="295" />
      <source>%1
from %2 · %3 cases
waiting %4</source>
      <translation>%1
移交人 %2 · %3 件
已等待 %4</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="311" />
      <source>Waiting to be signed (%1)</source>
      <translation>待签收交接单（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="313" />
      <source>%1 waiting too long</source>
      <translation>%1 张等待过久</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="343" />
      <source>Finish or cancel the open form first, then scan again</source>
      <translation>请先完成或取消正在填写的表单，再扫码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="349" />
      <source>The scan ended without Enter: scan again, or check that the scanner sends Enter after the code</source>
      <translation>扫码未以回车结束：请重新扫描，或检查扫码枪是否设置了回车后缀</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="364" />
      <source>Case %1 is in the folder ✓</source>
      <translation>办件 %1 已核对在卷 ✓</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="366" />
      <source>Case %1 is not in this batch (%2 cases): put it aside and tell the sender</source>
      <translation>办件 %1 不在本交接单中（本单共 %2 件）：请单独放置并告知移交人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="392" />
      <source>Batch %1: scan each case or tick “In folder”</source>
      <translation>交接单 %1：请逐件扫描办件条码，或勾选“在卷”</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="395" />
      <source>Batch %1 was already signed for</source>
      <translation>交接单 %1 已签收</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="403" />
      <source>Case %1: %2</source>
      <translation>办件 %1：%2</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="429" />
      <source>Signed for %1 case(s).</source>
      <translation>已签收 %1 件。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="431" />
      <source>%1 case(s) with a discrepancy stay with the sender.</source>
      <translation>%1 件登记了差异，仍由移交方负责。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="445" />
      <source>Returned to the front desk</source>
      <translation>已退回前台</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="456" />
      <source>Approved: the result waits at the front desk for collection</source>
      <translation>已准予许可：结果送前台待领取</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/page.py" line="457" />
      <source>Denied</source>
      <translation>已作出不予许可决定</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="105" />
      <source>number field (or scan anywhere)</source>
      <translation>编号输入框（也可在任意位置扫码）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="106" />
      <source>batches waiting to be signed</source>
      <translation>待签收交接单列表</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="107" />
      <source>cases signed, to decide</source>
      <translation>已签收待审批办件列表</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="108" />
      <source>open the batch or case under the cursor</source>
      <translation>打开光标所在的交接单或办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="109" />
      <source>batch: sign for it · case: approve</source>
      <translation>交接单：签收 · 办件：准予许可</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="110" />
      <source>case: return to the front desk</source>
      <translation>办件：退回前台</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="111" />
      <source>case: deny</source>
      <translation>办件：不予许可</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="112" />
      <source>Space</source>
      <translation>空格</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="112" />
      <source>batch: tick “In folder”</source>
      <translation>交接单：勾选“在卷”</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="113" />
      <source>batch: record a discrepancy</source>
      <translation>交接单：登记差异</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="114" />
      <source>back</source>
      <translation>返回</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="115" />
      <source>forms: confirm</source>
      <translation>表单：确定</translation>
    </message>
  </context>
  <context>
    <name>AuditWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="42" />
      <source>&amp;Run the audit</source>
      <translation>运行审计(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="51" />
      <source>Case number (type or scan)</source>
      <translation>办件编号（输入或扫码）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="53" />
      <source>&amp;Case:</source>
      <translation>办件(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="55" />
      <source>Show &amp;trail</source>
      <translation>查看履历(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="57" />
      <source>&amp;Export PDF…</source>
      <translation>导出 PDF(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="100" />
      <source>Checking every chain, case and batch…</source>
      <translation>正在核对每条事件链、每件办件和每张交接单…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="107" />
      <source>%1 chains, %2 events, %3 cases, %4 batches</source>
      <translation>%1 条终端链、%2 条事件、%3 件办件、%4 张交接单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="111" />
      <source>Audit passed: %1; nothing was tampered with.</source>
      <translation>审计通过：%1，未发现篡改。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="113" />
      <source>Audit failed: %1; %2 problems.</source>
      <translation>审计失败：%1，发现 %2 处问题。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="138" />
      <source>Type or scan a case number first.</source>
      <translation>请先输入或扫描办件编号。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="152" />
      <source>now</source>
      <translation>至今</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="153" />
      <source>Held by: %1</source>
      <translation>保管经过：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="161" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="161" />
      <source>Step</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="161" />
      <source>By</source>
      <translation>经办人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="161" />
      <source>PC</source>
      <translation>终端</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="162" />
      <source>Detail</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="162" />
      <source>Chain position</source>
      <translation>链位</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="166" />
      <source>The case's records match their seal in the event chain.</source>
      <translation>本件记录与事件链中的封存一致。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="171" />
      <source>Export custody trail</source>
      <translation>导出监管履历</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="172" />
      <source>PDF (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/audit_widget.py" line="184" />
      <source>Saved: %1</source>
      <translation>已保存：%1</translation>
    </message>
  </context>
  <context>
    <name>BatchPanel</name>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="34" />
      <source>In folder</source>
      <translation>在卷</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="34" />
      <source>Case number</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="34" />
      <source>Item</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="35" />
      <source>Applicant</source>
      <translation>申请人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="35" />
      <source>Materials</source>
      <translation>材料</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="35" />
      <source>Finding</source>
      <translation>核对结果</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="50" />
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="163" />
      <source>Sign for this batch (F5)</source>
      <translation>签收本交接单（F5）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="78" />
      <source>Handoff batch %1</source>
      <translation>交接单 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="79" />
      <source>From %1 (clerk %2) to %3 · %4 cases · created %5</source>
      <translation>%1（移交人 %2）→ %3 · 共 %4 件 · 生成于 %5</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="84" />
      <source>waiting %1</source>
      <translation>已等待 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="86" />
      <source>WAITING TOO LONG: %1</source>
      <translation>等待过久：已等待 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="89" />
      <source>Step 2: check each case — scan the barcode on each case file, or tick “In folder” (Space). Missing case or material? “Discrepancy” (D).</source>
      <translation>第 2 步：逐件核对——扫描每件办件上的条码，或勾选“在卷”（空格）。缺件或缺材料，按 D 登记差异。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="95" />
      <source>Signed by %1 at %2</source>
      <translation>已由 %1 于 %2 签收</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="98" />
      <source>%1 case(s) with a discrepancy stayed with the sender</source>
      <translation>%1 件有差异，留在移交方</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="116" />
      <source>%1 items, %2 pages</source>
      <translation>%1 项 %2 页</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="122" />
      <source>Checked</source>
      <translation>已核对</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="123" />
      <source>Not checked yet</source>
      <translation>待核对</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="127" />
      <source>Signed</source>
      <translation>已签收</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="142" />
      <source>Discrepancy…</source>
      <translation>登记差异…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="155" />
      <source>Enter (or a double-click, or a scan) opens a case to decide.</source>
      <translation>下一步：按回车（或双击、扫描办件条码）打开办件，进行审批。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="164" />
      <source>%1 case(s) not checked yet</source>
      <translation>还有 %1 件未核对</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="166" />
      <source>All %1 cases checked. Step 3: sign for the batch (F5).</source>
      <translation>%1 件已全部核对。第 3 步：签收本交接单（F5）。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/batch_panel.py" line="170" />
      <source>Checked %1 of %2 cases</source>
      <translation>已核对 %1 / %2 件</translation>
    </message>
  </context>
  <context>
    <name>BulletinView</name>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="43" />
      <source>Daily</source>
      <translation>日报</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="43" />
      <source>Weekly</source>
      <translation>周报</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="44" />
      <source>Monthly</source>
      <translation>月报</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="51" />
      <source>Refresh (F5)</source>
      <translation>刷新（F5）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="52" />
      <source>Export PDF… (Ctrl+S)</source>
      <translation>导出 PDF…（Ctrl+S）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="53" />
      <source>Export Excel… (Ctrl+Shift+S)</source>
      <translation>导出 Excel…（Ctrl+Shift+S）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="55" />
      <source>Bulletin</source>
      <translation>通报</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="136" />
      <source>Loading…</source>
      <translation>正在统计…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="168" />
      <source>PDF (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="168" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="169" />
      <source>Export bulletin</source>
      <translation>导出通报</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/dashboard.py" line="186" />
      <source>Saved: %1</source>
      <translation>已保存：%1</translation>
    </message>
  </context>
  <context>
    <name>CasePanel</name>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="26" />
      <location filename="../../counter_app/ui/approver/case_panel.py" line="86" />
      <source>← Back to the batch (Esc)</source>
      <translation>← 返回交接单（Esc）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="33" />
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="33" />
      <source>Material</source>
      <translation>材料</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="33" />
      <source>Form</source>
      <translation>形式</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="34" />
      <source>Copies</source>
      <translation>份数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="34" />
      <source>Pages</source>
      <translation>页数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="34" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="36" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="36" />
      <source>Step</source>
      <translation>环节</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="36" />
      <source>By (role · terminal)</source>
      <translation>经办人（角色 · 终端）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="37" />
      <source>Details</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="37" />
      <source>Responsible from here</source>
      <translation>此后由谁负责</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="45" />
      <source>Checklist (as received)</source>
      <translation>材料清单（收件时）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="51" />
      <source>History: who held the file when</source>
      <translation>办理经过：各时段由谁负责</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="57" />
      <source>Return to front desk… (F6)</source>
      <translation>退回前台…（F6）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="58" />
      <source>Approve… (F5)</source>
      <translation>准予许可…（F5）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="59" />
      <source>Deny… (F7)</source>
      <translation>不予许可…（F7）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="87" />
      <source>← Back to the list (Esc)</source>
      <translation>← 返回列表（Esc）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="91" />
      <source>Case %1</source>
      <translation>办件 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="97" />
      <source>Applicant: %1 (%2)</source>
      <translation>申请人：%1（%2）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="99" />
      <source>Phone: %1</source>
      <translation>电话：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="100" />
      <source>Agent: %1</source>
      <translation>代办人：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="101" />
      <source>Received %1 by %2 at %3 · accepted %4 · promised by %5</source>
      <translation>%1 由 %2 在“%3”收件 · 受理日期 %4 · 承诺办结 %5</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="108" />
      <source>Returned before: %1</source>
      <translation>曾被退回：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="111" />
      <source>Decision: %1</source>
      <translation>审批决定：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="117" />
      <source>Custody: %1</source>
      <translation>保管经过：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="124" />
      <source>Next: return the file with a reason, or record the decision.</source>
      <translation>下一步：填写理由退回前台，或录入审批决定。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="125" />
      <source>Sign for the batch first to act on this case.</source>
      <translation>请先签收交接单，才能办理此件。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="137" />
      <source>Review points:</source>
      <translation>审查要点：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/case_panel.py" line="145" />
      <source>%1 (%2 · terminal %3)</source>
      <translation>%1（%2 · 终端 %3）</translation>
    </message>
  </context>
  <context>
    <name>CaseTable</name>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="43" />
      <source>Case number</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="43" />
      <source>Item</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="43" />
      <source>Applicant</source>
      <translation>申请人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="43" />
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="44" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="44" />
      <source>Received</source>
      <translation>收件时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="44" />
      <source>Promised by</source>
      <translation>承诺办结</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="44" />
      <source>Clerk</source>
      <translation>受理人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="56" />
      <source> (training)</source>
      <translation>（培训）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="59" />
      <source> (estimate)</source>
      <translation>（估算）</translation>
    </message>
  </context>
  <context>
    <name>CasesPage</name>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="84" />
      <source>Search: case number, name or ID number (Ctrl+F)</source>
      <translation>查询：办件编号、姓名或证件号码（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="90" />
      <source>My cases</source>
      <translation>本人办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="91" />
      <source>My window</source>
      <translation>本窗口办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="93" />
      <source>Whole hall</source>
      <translation>全厅</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="101" />
      <source>Today</source>
      <translation>今日办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="102" />
      <source>Awaiting the applicant</source>
      <translation>待补正</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="103" />
      <source>Search results</source>
      <translation>查询结果</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="147" />
      <source>Today (%1)</source>
      <translation>今日办件（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="148" />
      <source>Awaiting the applicant (%1)</source>
      <translation>待补正（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="158" />
      <source>Search results (%1)</source>
      <translation>查询结果（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="164" />
      <source>No case found on this PC. F7 searches the hall service (the look is logged).</source>
      <translation>本机没有找到。按 F7 在大厅服务器上查询（查询会被记录）。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="167" />
      <source>No case found</source>
      <translation>没有找到办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="177" />
      <source>This PC is not enrolled with a hall service.</source>
      <translation>本机没有注册到大厅服务。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="180" />
      <source>Type a case number, name or ID number first (Ctrl+F).</source>
      <translation>请先输入办件编号、姓名或证件号码（Ctrl+F）。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="193" />
      <source>In the hall (%1)</source>
      <translation>大厅查询结果（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="195" />
      <source>From the hall service: shown only, not kept on this PC.</source>
      <translation>来自大厅服务器：仅供查看，不保存在本机。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="197" />
      <source>%1 more: narrow the search.</source>
      <translation>另有 %1 件未显示：请缩小查询范围。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="198" />
      <source>The hall has no such case either.</source>
      <translation>大厅服务器上也没有这样的办件。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/cases_page.py" line="202" />
      <source>Asking the hall service…</source>
      <translation>正在向大厅服务器查询…</translation>
    </message>
  </context>
  <context>
    <name>CatalogEditorWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="65" />
      <source>Filter items</source>
      <translation>筛选事项（名称或编码）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="90" />
      <source>Front desk may finish on the spot</source>
      <translation>授权前台当场办结</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="91" />
      <source>An agent may apply</source>
      <translation>允许代办</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="101" />
      <source>Material</source>
      <translation>材料名称</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="101" />
      <source>Form</source>
      <translation>形式</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="101" />
      <source>Originals</source>
      <translation>原件份数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="101" />
      <source>Photocopies</source>
      <translation>复印件份数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="102" />
      <source>Copies (old files)</source>
      <translation>份数（旧格式）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="102" />
      <source>Requirement</source>
      <translation>要求</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="102" />
      <source>Condition</source>
      <translation>条件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="103" />
      <source>Condition key</source>
      <translation>条件键</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="103" />
      <source>Source</source>
      <translation>来源渠道</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="103" />
      <source>Issuing body</source>
      <translation>核发部门</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="104" />
      <source>Shared, waived</source>
      <translation>共享免提交</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="104" />
      <source>Medium</source>
      <translation>载体</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="104" />
      <source>Acceptance standard</source>
      <translation>受理标准</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="105" />
      <source>Note</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="110" />
      <source>&amp;Add material</source>
      <translation>增加材料(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="111" />
      <source>&amp;Remove material</source>
      <translation>删除材料(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="113" />
      <source>&amp;Save as new version</source>
      <translation>保存为新版本(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="115" />
      <source>&amp;New item</source>
      <translation>新增事项(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="116" />
      <source>&amp;Import Excel…</source>
      <translation>导入 Excel(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="117" />
      <source>E&amp;xport Excel…</source>
      <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="119" />
      <source>Sign &amp;off as checked</source>
      <translation>核对无误，签字确认(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="138" />
      <source>&amp;Filter</source>
      <translation>筛选(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="152" />
      <source>comma separated</source>
      <translation>以逗号分隔</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="154" />
      <source>Code / name</source>
      <translation>事项编码 / 名称</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="155" />
      <source>Window / department</source>
      <translation>窗口 / 部门</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="156" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="158" />
      <source>Statutory / promised days</source>
      <translation>法定 / 承诺时限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="161" />
      <source>Checked</source>
      <translation>核对状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="162" />
      <source>Acceptance conditions</source>
      <translation>受理条件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="163" />
      <source>Review points (one per line)</source>
      <translation>审查要点（每行一条）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="164" />
      <source>Legal basis</source>
      <translation>设定依据</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="165" />
      <source>Delivery</source>
      <translation>送达方式</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="165" />
      <source>Fee</source>
      <translation>收费</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="166" />
      <source>Search keywords</source>
      <translation>检索关键词</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="167" />
      <source>&amp;Materials</source>
      <translation>申请材料(&amp;M)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="390" />
      <source>No change: the item is as saved</source>
      <translation>未修改：事项与已保存的版本相同</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="392" />
      <source>Saved as version %1</source>
      <translation>已保存为第 %1 版</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="401" />
      <source>Pick a saved item to sign off</source>
      <translation>请先选择一个已保存的事项再核对签字</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="405" />
      <source>Signed off: %1</source>
      <translation>已核对签字：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="412" />
      <source>Import catalog</source>
      <translation>导入事项目录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="413" />
      <source>Catalog (*.xlsx *.yaml *.json)</source>
      <translation>事项目录 (*.xlsx *.yaml *.json)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="426" />
      <source>Export catalog</source>
      <translation>导出事项目录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="427" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/catalog_editor.py" line="431" />
      <source>Exported %1 items</source>
      <translation>已导出 %1 个事项</translation>
    </message>
  </context>
  <context>
    <name>ChecklistEditor</name>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="39" />
      <source>Material</source>
      <translation>材料名称</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="39" />
      <source>Requirement</source>
      <translation>要求</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="39" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="39" />
      <source>Form</source>
      <translation>形式</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="40" />
      <source>Copies</source>
      <translation>份数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="40" />
      <source>Pages</source>
      <translation>页数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="40" />
      <source>Note</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="86" />
      <source>Waived: shared</source>
      <translation>免提交（共享）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="91" />
      <source>Standard: %1</source>
      <translation>标准：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="123" />
      <source>This material was already received and cannot change</source>
      <translation>该材料已收取，不能更改</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="129" />
      <source>A required material cannot be marked not applicable</source>
      <translation>必需材料不能标为不适用</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/checklist.py" line="195" />
      <source>Already received: M marks it missing</source>
      <translation>该材料已收：如需改为缺少请按 M</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="79" />
      <source>Space</source>
      <translation>空格</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="79" />
      <source>received</source>
      <translation>已收</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="80" />
      <source>missing</source>
      <translation>缺少</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="81" />
      <source>defective (why)</source>
      <translation>不符合要求</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="82" />
      <source>not applicable</source>
      <translation>不适用</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="83" />
      <source>original / copy</source>
      <translation>原件/复印件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="84" />
      <source>copies</source>
      <translation>份数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="85" />
      <source>pages</source>
      <translation>页数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="86" />
      <source>Enter</source>
      <translation>回车</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="86" />
      <source>next</source>
      <translation>下一项</translation>
    </message>
  </context>
  <context>
    <name>CoSignerDialog</name>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="186" />
      <source>An approver must co-sign</source>
      <translation>须由审批人员陪同受理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="202" />
      <source>Approver user name</source>
      <translation>审批人员用户名</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="203" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
  </context>
  <context>
    <name>ComplaintsWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="30" />
      <source>Open only</source>
      <translation>只看未办结</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="43" />
      <source>Register complaint</source>
      <translation>登记投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="46" />
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="117" />
      <source>Complainant</source>
      <translation>投诉人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="47" />
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="48" />
      <source>Case number</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="49" />
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="118" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="50" />
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="117" />
      <source>Content</source>
      <translation>投诉内容</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="52" />
      <source>New complaint</source>
      <translation>新投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="58" />
      <source>Assign</source>
      <translation>交办</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="59" />
      <source>Record handling</source>
      <translation>填写处理情况</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="60" />
      <source>Close</source>
      <translation>办结</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="63" />
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="119" />
      <source>Handled by</source>
      <translation>承办人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="64" />
      <source>Handling / reply</source>
      <translation>处理情况 / 答复</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="69" />
      <source>Selected complaint</source>
      <translation>所选投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="104" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="117" />
      <source>Received</source>
      <translation>登记时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="118" />
      <source>Case</source>
      <translation>办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="118" />
      <source>About</source>
      <translation>被投诉人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="119" />
      <source>Due</source>
      <translation>期限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="119" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="131" />
      <source>Complaint registered</source>
      <translation>投诉已登记</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="143" />
      <source>Select a complaint first</source>
      <translation>请先选择一条投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/complaints_widget.py" line="148" />
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPanel</name>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="36" />
      <source>Also show conflicts already settled or resolved</source>
      <translation>同时显示已按规则处理或已裁定的冲突</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="38" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="40" />
      <source>Found</source>
      <translation>发现时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="40" />
      <source>Where</source>
      <translation>发现于</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="40" />
      <source>Terminal</source>
      <translation>终端</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="41" />
      <source>Case number</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="41" />
      <source>Rule</source>
      <translation>冲突类型</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="41" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="42" />
      <source>What happened</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="49" />
      <source>Note: why this choice</source>
      <translation>备注：裁定理由</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="50" />
      <source>Keep the server's version</source>
      <translation>保留服务器版本</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="52" />
      <source>Use the counter's version</source>
      <translation>采用终端版本</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="97" />
      <source>Loading…</source>
      <translation>正在读取…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="103" />
      <source>server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="103" />
      <source>this PC</source>
      <translation>本机</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="108" />
      <source>Server conflicts could not be read: %1</source>
      <translation>无法读取服务器上的冲突：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="111" />
      <source>Stand-alone: there is no server to sync with</source>
      <translation>单机使用：没有同步服务器</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="113" />
      <source>%1 conflict(s)</source>
      <translation>共 %1 条冲突</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="126" />
      <source>Select a conflict to see both versions.</source>
      <translation>选择一条冲突，可查看终端与服务器两个版本。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="132" />
      <source>%1: counter %2 / server %3</source>
      <translation>%1：终端为 %2 ／ 服务器为 %3</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="135" />
      <source>Met on this PC while pulling: for information only.</source>
      <translation>本机下载服务器数据时发现，仅供查看。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/conflicts.py" line="155" />
      <source>Resolved</source>
      <translation>已裁定</translation>
    </message>
  </context>
  <context>
    <name>ConsultPage</name>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="48" />
      <source>What was asked (optional if an item is chosen)</source>
      <translation>咨询内容（已选事项可不填）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="51" />
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="86" />
      <source>Case number (optional)</source>
      <translation>办件编号（可不填）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="60" />
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="166" />
      <source>Item</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="61" />
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="166" />
      <source>Question</source>
      <translation>咨询内容</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="62" />
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="167" />
      <source>Case</source>
      <translation>办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="63" />
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="167" />
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="64" />
      <source>Log a consultation</source>
      <translation>登记咨询</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="70" />
      <source>Ask the applicant for a rating</source>
      <translation>请申请人评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="73" />
      <source>Case number</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="74" />
      <source>Show rating screen</source>
      <translation>打开评价器</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="74" />
      <source>QR code</source>
      <translation>扫码评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="79" />
      <source>Register a complaint</source>
      <translation>登记投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="82" />
      <source>What the complaint is about</source>
      <translation>投诉内容</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="84" />
      <source>Complainant and phone (optional)</source>
      <translation>投诉人及电话（可不填）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="87" />
      <source>Register</source>
      <translation>登记</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="143" />
      <source>Logged: %1</source>
      <translation>已登记：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="165" />
      <source>Today: %1</source>
      <translation>今日：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="166" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="176" />
      <source>Complaint registered; the supervisors will follow it up</source>
      <translation>投诉已登记，管理人员将跟进处理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/consult_page.py" line="186" />
      <source>Enter the case number to rate</source>
      <translation>请输入要评价的办件编号</translation>
    </message>
  </context>
  <context>
    <name>CounterDialogs</name>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="56" />
      <source>OK (Enter)</source>
      <translation>确定（回车）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="58" />
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
  </context>
  <context>
    <name>CounterPage</name>
    <message>
      <location filename="../../counter_app/ui/counter/decide.py" line="170" />
      <source>The co-signer must be another person</source>
      <translation>陪同受理人须为另一人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decide.py" line="189" />
      <source>Recording…</source>
      <translation>正在保存……</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decide.py" line="210" />
      <source>%1: case %2</source>
      <translation>%1：办件编号 %2</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decide.py" line="253" />
      <source>No case %1 in this counter's database</source>
      <translation>本机没有办件 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decide.py" line="259" />
      <source>This case is not waiting for materials</source>
      <translation>该办件不在待补正状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decide.py" line="293" />
      <source>Nothing new was marked as supplied</source>
      <translation>没有标记新补交的材料</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decide.py" line="297" />
      <source>Supplement recorded: case %1 (%2)</source>
      <translation>补正已登记：办件 %1（%2）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="88" />
      <source>Case number or scan the notice (F4)</source>
      <translation>办件编号或扫描告知单条码（F4）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="149" />
      <source>F1 all keys</source>
      <translation>F1 全部按键</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="222" />
      <source>The saved intake was restored</source>
      <translation>已恢复未完成的收件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="235" />
      <source>New intake</source>
      <translation>新收件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="236" />
      <source>Discard the intake in progress?</source>
      <translation>放弃正在办理的收件吗？</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="239" />
      <source>&amp;Yes, discard</source>
      <translation>放弃(&amp;Y)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="240" />
      <source>&amp;No</source>
      <translation>不放弃(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="286" />
      <source>Still saving the previous step: pick the item again in a moment</source>
      <translation>上一步还在保存：请稍候再选一次事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="397" />
      <source>Checklist done: F5 accept</source>
      <translation>材料已逐项核对：按 F5 受理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/page.py" line="398" />
      <source>Materials missing: F6 one-time notice</source>
      <translation>材料不齐：按 F6 出具一次性告知单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="61" />
      <source>new intake</source>
      <translation>新收件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="62" />
      <source>item search</source>
      <translation>查找事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="63" />
      <source>case number / notice</source>
      <translation>办件编号/扫告知单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="64" />
      <source>checklist</source>
      <translation>材料清单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="65" />
      <source>person / organisation</source>
      <translation>个人/单位</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="66" />
      <source>agent</source>
      <translation>代办人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="67" />
      <source>accept (resumed case: record the supplement)</source>
      <translation>受理（补正办件：登记补正）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="68" />
      <source>one-time notice</source>
      <translation>一次性告知</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="69" />
      <source>not accept</source>
      <translation>不予受理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="70" />
      <source>finish on the spot</source>
      <translation>当场办结</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="71" />
      <source>next field</source>
      <translation>下一栏</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="72" />
      <source>back</source>
      <translation>返回</translation>
    </message>
  </context>
  <context>
    <name>DeadlinesWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="46" />
      <source>Stop clock</source>
      <translation>暂停计时</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="46" />
      <source>Restart clock</source>
      <translation>恢复计时</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="47" />
      <source>Extend</source>
      <translation>延长期限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="49" />
      <source>Case number</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="50" />
      <source>Not counted because of</source>
      <translation>不计时事由</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="51" />
      <source>Reason (told to the applicant)</source>
      <translation>理由（将告知申请人）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="52" />
      <source>Extension (working days)</source>
      <translation>延长（工作日）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="57" />
      <source>Time not counted and extensions</source>
      <translation>暂停计时与延长期限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="60" />
      <source>Cases near (2 working days) or past their promised date</source>
      <translation>临期（2 个工作日内到期）与超期办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="88" />
      <source>Case</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="88" />
      <source>Applicant</source>
      <translation>申请人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="88" />
      <source>Item</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="89" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="89" />
      <source>Clerk</source>
      <translation>受理人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="89" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="90" />
      <source>Promised</source>
      <translation>承诺日期</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="90" />
      <source>Working days left</source>
      <translation>剩余工作日</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="94" />
      <source>Clock stopped: %1</source>
      <translation>暂停计时中：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="100" />
      <source>Enter or select a case number</source>
      <translation>请输入或选择办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/deadlines_widget.py" line="104" />
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
  </context>
  <context>
    <name>DecideDialog</name>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="135" />
      <source>Approve</source>
      <translation>准予许可</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="136" />
      <source>Deny</source>
      <translation>不予许可</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="149" />
      <source>Decision number</source>
      <translation>决定文号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="150" />
      <source>Decision date</source>
      <translation>决定日期</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="152" />
      <source>Optional</source>
      <translation>可不填</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="153" />
      <source>Reasons (told to the applicant)</source>
      <translation>理由（将告知申请人）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="167" />
      <source>Enter the decision number</source>
      <translation>请填写决定文号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="169" />
      <source>A denial must give its reasons</source>
      <translation>不予许可须说明理由</translation>
    </message>
  </context>
  <context>
    <name>DecisionBar</name>
    <message>
      <location filename="../../counter_app/ui/counter/decision_bar.py" line="22" />
      <source>Accept</source>
      <translation>受理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decision_bar.py" line="22" />
      <source>One-time notice</source>
      <translation>一次性告知</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decision_bar.py" line="23" />
      <source>Not accept</source>
      <translation>不予受理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decision_bar.py" line="23" />
      <source>Finish on the spot</source>
      <translation>当场办结</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/decision_bar.py" line="39" />
      <source>No item picked</source>
      <translation>尚未选择事项</translation>
    </message>
  </context>
  <context>
    <name>DefectReasonDialog</name>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="77" />
      <source>Why does the material not meet the requirements?</source>
      <translation>材料不符合要求的原因</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="85" />
      <source>Or type the reason</source>
      <translation>或输入其他原因</translation>
    </message>
  </context>
  <context>
    <name>DiscrepancyDialog</name>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="71" />
      <source>Record a discrepancy</source>
      <translation>登记签收差异</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="74" />
      <source>Case %1 · %2 · %3</source>
      <translation>办件 %1 · %2 · %3</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="76" />
      <source>The whole case is not in the folder</source>
      <translation>整件未收到（办件不在卷中）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="79" />
      <source>Or tick each material that is missing:</source>
      <translation>或勾选缺少的材料：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="91" />
      <source>Remark (optional)</source>
      <translation>备注（可不填）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="93" />
      <source>This case will stay with the sending clerk; both sides will see the discrepancy.</source>
      <translation>此件将留在移交方（受理员）负责；双方都能看到这条差异。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="104" />
      <source>Tick “not in the folder” or at least one missing material</source>
      <translation>请勾选“整件未收到”，或至少勾选一项缺少的材料</translation>
    </message>
  </context>
  <context>
    <name>DraftBanner</name>
    <message>
      <location filename="../../counter_app/ui/counter/banner.py" line="21" />
      <source>Restore (Enter)</source>
      <translation>恢复（回车）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/banner.py" line="23" />
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/banner.py" line="36" />
      <source>(no applicant yet)</source>
      <translation>（尚未填写申请人）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/banner.py" line="37" />
      <source>An unfinished intake was saved at %1: %2, %3. Restore it?</source>
      <translation>发现 %1 保存的未完成收件：%2，%3。是否恢复？</translation>
    </message>
  </context>
  <context>
    <name>EvaluationScreen</name>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="45" />
      <source>Rate our service</source>
      <translation>服务评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="51" />
      <source>Please rate our service</source>
      <translation>请您对本次服务进行评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="54" />
      <source>Case %1</source>
      <translation>办件编号 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="59" />
      <source>Anything to tell us? (optional)</source>
      <translation>意见建议（可不填）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="79" />
      <source>Your rating goes to the service hall's supervisors; staff at the window cannot change it.</source>
      <translation>您的评价直接提交政务服务中心管理人员，窗口工作人员无法修改。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="120" />
      <source>Thank you for your rating</source>
      <translation>感谢您的评价！</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="48" />
      <source>Set up this counter PC</source>
      <translation>本机首次设置</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="50" />
      <source>This PC has not been set up yet. Fill in what the hall's administrator gave you; you can change it later.</source>
      <translation>本机尚未设置。请按大厅管理人员提供的信息填写，以后可以修改。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="54" />
      <source>Join the &amp;hall service with an enrollment code</source>
      <translation>用注册码接入大厅服务(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="64" />
      <source>Counter (receiving)</source>
      <translation>综合窗口（收件）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="65" />
      <source>Approver desk</source>
      <translation>审批席</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="66" />
      <source>Supervisor</source>
      <translation>主管</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="69" />
      <source>Hall service</source>
      <translation>大厅服务</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="71" />
      <source>Service add&amp;ress:</source>
      <translation>服务地址(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="72" />
      <source>Enrollment &amp;code:</source>
      <translation>注册码(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="73" />
      <source>This PC &amp;is a:</source>
      <translation>本机用途(&amp;I)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="83" />
      <source>Stan&amp;d-alone (no hall server)</source>
      <translation>单机使用，不连接大厅服务器(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="89" />
      <source>System default printer</source>
      <translation>系统默认打印机</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="94" />
      <source>A4 paper</source>
      <translation>A4 纸</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="95" />
      <source>80 mm receipt</source>
      <translation>80 mm 小票</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="98" />
      <source>&amp;Terminal number (1-99):</source>
      <translation>终端编号（1-99）(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="99" />
      <source>&amp;Window:</source>
      <translation>所在窗口(&amp;W)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="100" />
      <source>Hall ser&amp;ver:</source>
      <translation>大厅服务器(&amp;V)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="102" />
      <source>&amp;Printer:</source>
      <translation>打印机(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="103" />
      <source>Paper &amp;layout:</source>
      <translation>纸张版式(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="117" />
      <source>First supervisor account</source>
      <translation>首个管理员账号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="119" />
      <source>&amp;User name:</source>
      <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="120" />
      <source>&amp;Full name:</source>
      <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="121" />
      <source>P&amp;assword:</source>
      <translation>密码(&amp;A)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="122" />
      <source>&amp;Repeat password:</source>
      <translation>再输入一次密码(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="124" />
      <source>Reading this PC's settings…</source>
      <translation>正在读取本机设置……</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="131" />
      <source>&amp;Save and start</source>
      <translation>保存并启动(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="134" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="168" />
      <source>(no window)</source>
      <translation>（不指定窗口）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="225" />
      <source>The two passwords differ.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="230" />
      <source>Enter the hall server's address, or tick stand-alone.</source>
      <translation>请填写大厅服务器地址，或勾选单机使用。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="239" />
      <source>Saving…</source>
      <translation>正在保存……</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="243" />
      <source>Enter the hall service's address (https://…), as the administrator gave it.</source>
      <translation>请填写管理员给出的大厅服务地址（https://…）。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="245" />
      <source>Enter the one-time enrollment code the administrator gave you.</source>
      <translation>请填写管理员给出的一次性注册码。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/first_run.py" line="258" />
      <source>Enrolling with the hall service and taking its data…</source>
      <translation>正在注册到大厅服务并取得大厅数据……</translation>
    </message>
  </context>
  <context>
    <name>GuidePage</name>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="156" />
      <source>Item search: type, ↑/↓ choose, Enter issues the ticket</source>
      <translation>事项搜索：输入，↑/↓ 选择，回车取号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="157" />
      <source>Window groups: ↑/↓ choose, Enter issues the ticket</source>
      <translation>窗口分组：↑/↓ 选择，回车取号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="158" />
      <source>Priority and its reason (Enter in the reason issues)</source>
      <translation>优先类别及理由（在理由栏回车即取号）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="159" />
      <source>Print the last ticket again</source>
      <translation>重打刚取的号票</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="160" />
      <source>Refresh people waiting</source>
      <translation>刷新等候人数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="161" />
      <source>Open the hall display (second screen)</source>
      <translation>打开大厅叫号屏（第二屏）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="52" />
      <source>Item the applicant names: name, pinyin initials or code (F3), Enter issues</source>
      <translation>申请人要办的事项：名称、拼音首字母或编码（F3），回车取号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="60" />
      <source>No priority</source>
      <translation>不优先</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="61" />
      <source>Elderly</source>
      <translation>老年人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="61" />
      <source>Disabled</source>
      <translation>残疾人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="62" />
      <source>Pregnant</source>
      <translation>孕妇</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="62" />
      <source>Appointment</source>
      <translation>预约</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="67" />
      <source>Reason: e.g. senior card, appointment number</source>
      <translation>理由：如持老年证、预约号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="80" />
      <source>Print again (Ctrl+P)</source>
      <translation>重打号票（Ctrl+P）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="83" />
      <source>Hall display (F11)</source>
      <translation>大厅叫号屏（F11）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="87" />
      <source>1. The item the applicant names</source>
      <translation>一、申请人要办的事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="90" />
      <source>… or a window group (F2, Enter issues)</source>
      <translation>……或选择窗口分组（F2，回车取号）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="92" />
      <source>Priority (F6), with the reason recorded</source>
      <translation>优先（F6），须记录理由</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="94" />
      <source>Priority:</source>
      <translation>优先类别：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="95" />
      <source>Reason:</source>
      <translation>理由：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="98" />
      <source>Last ticket</source>
      <translation>刚取的号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="150" />
      <source>Choose the item or a window group first</source>
      <translation>请先选择事项或窗口分组</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="168" />
      <source>%1  %2 — %3 waiting, %4 window(s) open</source>
      <translation>%1  %2 — 等候 %3 人，开放窗口 %4 个</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="179" />
      <source>Issuing…</source>
      <translation>正在取号……</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="188" />
      <source>%1 ahead, about %2 min</source>
      <translation>前面 %1 人，约等 %2 分钟</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="192" />
      <source>Priority: %1</source>
      <translation>优先：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/guide_page.py" line="219" />
      <source>Ticket %1 printed: %2</source>
      <translation>号票 %1 已打印：%2</translation>
    </message>
  </context>
  <context>
    <name>GuidePanel</name>
    <message>
      <location filename="../../counter_app/ui/counter/guide.py" line="23" />
      <source>Pick the service item (F3) to see its acceptance conditions and review points.</source>
      <translation>请先选择事项（F3），此处显示受理条件和审查要点。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/guide.py" line="28" />
      <source>front desk finishes it on the spot</source>
      <translation>授权前台当场办结</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/guide.py" line="29" />
      <source>finished by the department on the spot</source>
      <translation>由部门当场办理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/guide.py" line="31" />
      <source>promised %1 / statutory %2</source>
      <translation>承诺 %1 / 法定 %2</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/guide.py" line="38" />
      <source>Not yet checked by the department: read the guide with care</source>
      <translation>待核对：本事项指南尚未经部门核对，请仔细核验</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/guide.py" line="42" />
      <source>Acceptance conditions</source>
      <translation>受理条件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/guide.py" line="42" />
      <source>Review points</source>
      <translation>审查要点</translation>
    </message>
  </context>
  <context>
    <name>HallDisplay</name>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="83" />
      <source>Hall display</source>
      <translation>大厅叫号屏</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="94" />
      <source>Calling</source>
      <translation>叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="99" />
      <source>Please wait for your number</source>
      <translation>请留意叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="123" />
      <source>Last calls</source>
      <translation>最近叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="230" />
      <source>Connection to the hall service lost, reconnecting… The numbers shown may be out of date. (%1)</source>
      <translation>与大厅服务器的连接中断，正在重连……屏上号码可能不是最新。（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="249" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="249" />
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="256" />
      <source>Window %1</source>
      <translation>%1 号窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/display.py" line="269" />
      <source>Waiting: %1</source>
      <translation>等候人数：%1</translation>
    </message>
  </context>
  <context>
    <name>HallPanel</name>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="24" />
      <source>Hall service</source>
      <translation>大厅服务</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="34" />
      <source>Sync now (F5)</source>
      <translation>立即同步（F5）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="37" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="37" />
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="37" />
      <source>Operation</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="38" />
      <source>Why the hall refused it</source>
      <translation>大厅拒绝的原因</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="42" />
      <source>Hall service:</source>
      <translation>大厅服务地址：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="43" />
      <source>This PC's terminal code:</source>
      <translation>本机终端编号：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="44" />
      <source>Clock:</source>
      <translation>时钟：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="45" />
      <source>Waiting to be sent:</source>
      <translation>待上传操作：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="46" />
      <source>This PC holds:</source>
      <translation>本机存放：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="50" />
      <source>Operations the hall refused (this PC):</source>
      <translation>被大厅拒绝的本机操作：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="57" />
      <source>Receive a case</source>
      <translation>受理办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="58" />
      <source>Supplement materials</source>
      <translation>补正材料</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="59" />
      <source>Set the hand-over time limit</source>
      <translation>设置交接超时时限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="60" />
      <source>Hand over (make a handoff sheet)</source>
      <translation>移交（生成交接单）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="61" />
      <source>Sign for a handoff sheet</source>
      <translation>签收交接单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="62" />
      <source>Return a case to the front</source>
      <translation>退回前台</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="63" />
      <source>Decide a case</source>
      <translation>作出审批决定</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="64" />
      <source>End co-acceptance for a clerk</source>
      <translation>解除陪同受理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="65" />
      <source>Issue the result</source>
      <translation>发证</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="66" />
      <source>Set the complaint time limit</source>
      <translation>设置投诉办理时限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="67" />
      <source>Register a complaint</source>
      <translation>登记投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="68" />
      <source>Assign a complaint</source>
      <translation>分派投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="69" />
      <source>Handle a complaint</source>
      <translation>办理投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="70" />
      <source>Close a complaint</source>
      <translation>办结投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="71" />
      <source>Log a consultation</source>
      <translation>登记咨询</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="72" />
      <source>Ask for a rating</source>
      <translation>发起评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="73" />
      <source>Submit a rating</source>
      <translation>提交评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="74" />
      <source>Rate a visit by its ticket</source>
      <translation>凭号票评价来访</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="75" />
      <source>Set the follow-up time limit</source>
      <translation>设置回访时限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="76" />
      <source>Decide a contested rating</source>
      <translation>裁定差评申诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="77" />
      <source>Stop the clock</source>
      <translation>暂停计时</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="78" />
      <source>Restart the clock</source>
      <translation>恢复计时</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="79" />
      <source>Extend the time limit</source>
      <translation>延长期限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="80" />
      <source>Add a staff member</source>
      <translation>新增工作人员</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="81" />
      <source>Change a staff member</source>
      <translation>修改工作人员</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="82" />
      <source>Set a training stage</source>
      <translation>设置培训阶段</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="83" />
      <source>Set a password</source>
      <translation>设置密码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="84" />
      <source>Save a catalog item</source>
      <translation>保存事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="85" />
      <source>Issue a document</source>
      <translation>出具文书</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="86" />
      <source>Log a print</source>
      <translation>记录打印</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="87" />
      <source>Enter the year's holidays</source>
      <translation>录入节假日安排</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="88" />
      <source>Authorise the hall's seal</source>
      <translation>大厅印章授权</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="89" />
      <source>Record a look at personal data</source>
      <translation>记录查看个人信息</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="90" />
      <source>Issue a queue ticket</source>
      <translation>取号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="91" />
      <source>Open a window for calls</source>
      <translation>开启窗口叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="92" />
      <source>Close a window for calls</source>
      <translation>关闭窗口叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="93" />
      <source>Call the next ticket</source>
      <translation>叫下一号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="94" />
      <source>Call a ticket by its number</source>
      <translation>按号码叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="95" />
      <source>Call a ticket again</source>
      <translation>重呼</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="96" />
      <source>Mark a ticket as not present</source>
      <translation>过号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="97" />
      <source>Transfer a ticket</source>
      <translation>转窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="98" />
      <source>Finish a ticket</source>
      <translation>办结号票</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="99" />
      <source>Link cases to a visit</source>
      <translation>关联来访办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="116" />
      <source>%1 s off the hall's clock: cases are dated by the hall's time; please set this PC's clock</source>
      <translation>与大厅时钟相差 %1 秒：办件按大厅时间记录，请校准本机时钟</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="120" />
      <source>in step with the hall (%1 s)</source>
      <translation>与大厅一致（%1 秒）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="129" />
      <source>The hall has refused nothing from this PC.</source>
      <translation>大厅没有拒绝本机的任何操作。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="131" />
      <source>%1 operations were refused: the hall kept its own record; tell the supervisor.</source>
      <translation>有 %1 项操作被拒绝：大厅保留了它自己的记录，请告知主管核查。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="137" />
      <source>not yet known (after the first sync)</source>
      <translation>尚不知道（首次同步后显示）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="139" />
      <source>every case of the hall</source>
      <translation>全馆的办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/hall_box.py" line="140" />
      <source>the cases of %1 and those received here; a closed case leaves this PC after %2 days (the hall keeps it)</source>
      <translation>%1的办件及本机受理的办件；已办结的办件 %2 天后从本机清除（大厅服务器保留）</translation>
    </message>
  </context>
  <context>
    <name>HandoffPage</name>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="61" />
      <source>① Tick the files to hand over  →  ② Make and print the handoff sheet  →  ③ Take the sheet with the files to the department</source>
      <translation>① 勾选要移交的办件　→　② 生成并打印交接单　→　③ 把交接单连同办件送交审批部门</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="66" />
      <source>Case number</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="66" />
      <source>Item</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="66" />
      <source>Applicant</source>
      <translation>申请人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="67" />
      <source>To department</source>
      <translation>接收部门</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="67" />
      <source>Materials</source>
      <translation>材料</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="67" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="91" />
      <source>Tick all (Ctrl+A)</source>
      <translation>全选（Ctrl+A）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="93" />
      <source>Untick all (Ctrl+Shift+A)</source>
      <translation>全不选（Ctrl+Shift+A）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="97" />
      <source>Make handoff sheet and print</source>
      <translation>生成交接单并打印</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="101" />
      <source>Ready to hand over</source>
      <translation>待移交办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="102" />
      <source>Sent, waiting to be signed</source>
      <translation>已移交、待签收</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="107" />
      <source>Reprint the selected sheet</source>
      <translation>补打所选交接单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="110" />
      <source>Came back to you</source>
      <translation>退回与差异</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="193" />
      <source>Unexpected error: %1</source>
      <translation>发生意外错误：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="231" />
      <source>%1 items, %2 pages</source>
      <translation>%1 项 %2 页</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="249" />
      <source>%1 → %2
%3 cases · waiting %4</source>
      <translation>%1 → %2
%3 件 · 已等待 %4</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="258" />
      <source>Waiting too long: remind the department to sign for it</source>
      <translation>等待过久：请提醒部门尽快签收</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="260" />
      <source>Sent, waiting to be signed (%1)</source>
      <translation>已移交、待签收（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="262" />
      <source>%1 waiting too long</source>
      <translation>%1 张等待过久</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="269" />
      <source>Discrepancy at signing · %1 %2
%3</source>
      <translation>签收差异 · %1 %2
%3</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="274" />
      <source>%1 %2
%3</source>
      <translation>%1 %2
%3</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="279" />
      <source>Came back to you (%1)</source>
      <translation>退回与差异（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="282" />
      <source>Nothing came back.</source>
      <translation>没有被退回或有差异的办件。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="302" />
      <source>Make %1 handoff sheet(s) for %2 case(s) and print</source>
      <translation>生成 %1 张交接单（%2 件）并打印</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="304" />
      <source>Tick the files to hand over (Space)</source>
      <translation>请勾选要移交的办件（空格）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="305" />
      <source>Ready to hand over (%1)</source>
      <translation>待移交办件（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="314" />
      <source>Made %1 handoff sheet(s): %2. Print them and take them with the files.</source>
      <translation>已生成 %1 张交接单：%2。请打印后连同办件送交。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/page.py" line="338" />
      <source>Select a sheet in the list first</source>
      <translation>请先在列表中选中一张交接单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="92" />
      <source>Space</source>
      <translation>空格</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="92" />
      <source>tick / untick the file</source>
      <translation>勾选/取消当前办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="94" />
      <source>tick all</source>
      <translation>全选</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="94" />
      <source>untick all</source>
      <translation>全不选</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="95" />
      <source>make the sheets and print</source>
      <translation>生成交接单并打印</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="97" />
      <source>refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="97" />
      <source>to the buttons and lists</source>
      <translation>到按钮和右侧列表</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="98" />
      <source>Up / Down</source>
      <translation>↑ / ↓</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="98" />
      <source>move in the table or list</source>
      <translation>在表格或列表中移动</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="99" />
      <source>reprint the sheet selected in the list</source>
      <translation>补打列表中选中的交接单</translation>
    </message>
  </context>
  <context>
    <name>HolidaysWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/holidays_widget.py" line="33" />
      <source>One line per holiday range or make-up working day: start date, optional end date, holiday or workday (放假 / 上班), optional note. Applying replaces the whole year's entries and recomputes the due dates of open cases.</source>
      <translation>每行一段放假或一个调休上班日：开始日期、结束日期（可省略）、放假或上班、说明（可省略）。应用后将替换该年已录入的全部安排，并重算未办结办件的期限。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/holidays_widget.py" line="40" />
      <source>Apply the year's schedule</source>
      <translation>应用全年安排</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/holidays_widget.py" line="72" />
      <source>The %1 schedule is in: %2 holidays, %3 make-up working days; due dates of %4 open cases moved.</source>
      <translation>%1 年节假日安排已录入：放假 %2 天，调休上班 %3 天；%4 件未办结办件的期限已重算。</translation>
    </message>
  </context>
  <context>
    <name>Home</name>
    <message>
      <location filename="../../counter_app/ui/home_page.py" line="22" />
      <source>Signed in: %1 (%2), terminal %3</source>
      <translation>当前用户：%1（%2），终端 %3</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/home_page.py" line="29" />
      <source>Pages:</source>
      <translation>页面：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/home_page.py" line="38" />
      <source>Switch user (Ctrl+Shift+Q)</source>
      <translation>切换用户（Ctrl+Shift+Q）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/home_page.py" line="40" />
      <source>Lock the screen (Ctrl+Shift+L)</source>
      <translation>锁定屏幕（Ctrl+Shift+L）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="215" />
      <source>Switch user / lock buttons</source>
      <translation>切换用户/锁屏按钮之间移动</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="216" />
      <source>Space</source>
      <translation>空格</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="216" />
      <source>Press the focused button</source>
      <translation>按下当前按钮</translation>
    </message>
  </context>
  <context>
    <name>IssuePage</name>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="54" />
      <source>① Scan the barcode on the applicant's notice  →  ② Check who collects it  →  ③ Issue and print the receipt</source>
      <translation>① 扫描申请人受理通知书上的条码　→　② 核验领取人身份　→　③ 发证并打印领证回执</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="58" />
      <source>Scan, or type the case number and press Enter</source>
      <translation>直接扫码，或输入办件编号后按回车</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="67" />
      <source>The applicant in person (Ctrl+1)</source>
      <translation>申请人本人领取（Ctrl+1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="68" />
      <source>Someone else (agent) (Ctrl+2)</source>
      <translation>他人代领（Ctrl+2）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="69" />
      <source>Send by post (Ctrl+3)</source>
      <translation>邮寄送达（Ctrl+3）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="85" />
      <source>I have checked the applicant's letter of authorization</source>
      <translation>已核验申请人出具的授权委托书</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="90" />
      <source>Collector's name</source>
      <translation>领取人姓名</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="91" />
      <source>Collector's ID number</source>
      <translation>领取人身份证号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="92" />
      <source>Collector's phone</source>
      <translation>领取人电话</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="94" />
      <source>Tracking number</source>
      <translation>邮件运单号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="96" />
      <source>Issue and print the receipt (F5)</source>
      <translation>发证并打印领证回执（F5）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="119" />
      <source>Find</source>
      <translation>查找</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="133" />
      <source>Results waiting to be collected</source>
      <translation>待领取的办理结果</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="157" />
      <source>Issue a result first; then F9 asks its applicant to rate</source>
      <translation>请先发证，再按 F9 请申请人评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="187" />
      <source>Check the letter of authorization, tick it (Space), then F5</source>
      <translation>请核验授权委托书，勾选（空格）后按 F5 发证</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="196" />
      <source>Unexpected error: %1</source>
      <translation>发生意外错误：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="234" />
      <source>No results are waiting.</source>
      <translation>暂无待领取的结果。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="247" />
      <source>Applicant: %1 (%2)</source>
      <translation>申请人：%1（%2）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="249" />
      <source>Decision: %1</source>
      <translation>审批决定：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="259" />
      <source>Ask for the collector's ID and check it against the applicant</source>
      <translation>请查验领取人的身份证件，并与申请人核对</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="262" />
      <source>This case has no result waiting to be collected (%1)</source>
      <translation>此办件没有待领取的结果（%1）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="286" />
      <source>Scan the applicant's notice first</source>
      <translation>请先扫描申请人的受理通知书</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/handoff/issue_page.py" line="294" />
      <source>Issued. Give the receipt to the collector to sign; F9 asks them to rate the service.</source>
      <translation>已发证。请领取人在回执上签字；按 F9 请其对服务作出评价。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="121" />
      <source>case number (or scan the notice)</source>
      <translation>办件编号（或扫描受理通知书）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="122" />
      <source>in person / agent / post</source>
      <translation>本人领取/他人代领/邮寄</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="123" />
      <source>next field; on the last one: issue</source>
      <translation>下一栏；在最后一栏：发证</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="124" />
      <source>issue and print</source>
      <translation>发证并打印</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="125" />
      <source>results waiting (Enter loads)</source>
      <translation>待领取结果列表（回车载入）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="126" />
      <source>the applicant rates the case just issued</source>
      <translation>请申请人评价刚发证的办件</translation>
    </message>
  </context>
  <context>
    <name>ItemPicker</name>
    <message>
      <location filename="../../counter_app/ui/counter/item_picker.py" line="33" />
      <source>Item: name, pinyin initials or code (F3)</source>
      <translation>事项：名称、拼音首字母或编码（F3）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/item_picker.py" line="66" />
      <source> · not yet checked</source>
      <translation> · 待核对</translation>
    </message>
  </context>
  <context>
    <name>KeyHelp</name>
    <message>
      <location filename="../../counter_app/ui/keycard.py" line="33" />
      <location filename="../../counter_app/ui/keycard.py" line="48" />
      <source>Counter: the keys of every screen</source>
      <translation>综合窗口受理台 · 各界面按键速查卡</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keycard.py" line="34" />
      <location filename="../../counter_app/ui/keycard.py" line="49" />
      <source>F1 on any screen lists its keys · a scanner works anywhere</source>
      <translation>任一界面按 F1 查看本界面全部按键 · 扫码枪在任何界面都可扫码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="41" />
      <source>This list of keys</source>
      <translation>显示本页全部按键</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="42" />
      <source>Next / previous page</source>
      <translation>下一页/上一页</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="43" />
      <source>Go to page 1 … 9 (numbered on the tabs)</source>
      <translation>转到第 1…9 页（页签上的编号）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="44" />
      <source>Switch user: sign out and hand the PC to a colleague (an unfinished intake is kept for you)</source>
      <translation>切换用户：退出登录，把电脑交给同事（未办完的收件为您保留）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="46" />
      <source>Lock the screen now</source>
      <translation>立即锁屏</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="52" />
      <source>User name → password → sign in</source>
      <translation>用户名 → 密码 → 登录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="53" />
      <source>Lock screen: back to the user name, to sign in as someone else</source>
      <translation>锁屏时：回到用户名，换另一位同事登录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="55" />
      <source>Lock screen: sign the locked user out</source>
      <translation>锁屏时：让被锁定的用户退出登录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="132" />
      <source>Search: case number, name or ID number, then Enter</source>
      <translation>查询：输入办件编号、姓名或身份证号后按回车</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="133" />
      <source>Today / awaiting the applicant / search results</source>
      <translation>今日办件 / 待补正 / 查询结果</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="134" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="135" />
      <source>Search the hall service for cases this PC does not hold (the look is logged)</source>
      <translation>在大厅服务器上查询本机没有的办件（查询会被记录）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="137" />
      <source>On a case: reopen it at the counter (clerks)</source>
      <translation>在办件上：到收件受理界面打开（受理员）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="167" />
      <source>Item → question → case number</source>
      <translation>事项 → 咨询内容 → 办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="168" />
      <source>Log it: answered / materials pre-checked / sent to a window / helped fill in the form</source>
      <translation>登记：已解答 / 预审材料 / 引导至窗口 / 帮助填表</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="170" />
      <source>The rating box: a case number, then Enter shows the rating screen</source>
      <translation>评价栏：输入办件编号后按回车显示评价屏</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="176" />
      <source>The applicant's keypad: very satisfied … very dissatisfied</source>
      <translation>申请人评价键盘：非常满意 … 非常不满意</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="177" />
      <source>Close without a rating</source>
      <translation>不评价，关闭</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="184" />
      <source>Bulletin, deadlines, complaints, ratings, staff, catalog, holidays, personal data, audit, hall seal</source>
      <translation>通报、时限、投诉、差评、人员培训、事项目录、节假日、个人信息、审计、大厅印章</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="186" />
      <source>Bulletin: daily / weekly / monthly (Up / Down)</source>
      <translation>通报：日报 / 周报 / 月报（上下键选择）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="187" />
      <source>Bulletin: the date (Up / Down, or type it)</source>
      <translation>通报：日期（上下键或直接输入）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="188" />
      <source>Bulletin: refresh</source>
      <translation>通报：刷新</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="189" />
      <source>Bulletin: next / previous table, to read it</source>
      <translation>通报：下一个 / 上一个表格，并进入表格阅读</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="191" />
      <source>Bulletin: save as PDF / Excel (Enter in the dialog saves)</source>
      <translation>通报：导出 PDF / Excel（对话框中按回车保存）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="198" />
      <source>Catalog: filter the items, Enter to the list (Up / Down picks)</source>
      <translation>事项目录：筛选事项，回车进入列表（上下键选择）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="199" />
      <source>Catalog: the materials (arrows move, F2 edits a cell, Tab leaves); Alt+A / Alt+R add / remove one</source>
      <translation>事项目录：申请材料表（方向键移动，F2 编辑单元格，Tab 离开）；Alt+A / Alt+R 增加 / 删除一行</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="202" />
      <source>Catalog: save as a new version / a new item</source>
      <translation>事项目录：保存为新版本 / 新增事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="208" />
      <source>From field to field</source>
      <translation>在各栏之间移动</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="209" />
      <source>Space</source>
      <translation>空格</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="209" />
      <source>Press the button or tick the box</source>
      <translation>按下按钮或勾选</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="210" />
      <source>Hall service: sync now</source>
      <translation>服务大厅：立即同步</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="221" />
      <source>Print (no printer: save the PDF)</source>
      <translation>打印（无打印机时保存 PDF）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="222" />
      <source>Save the PDF</source>
      <translation>保存 PDF</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="223" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="229" />
      <source>Next field; on the last one: OK</source>
      <translation>下一栏；在最后一栏按回车即确定</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="230" />
      <source>OK from a field of several lines</source>
      <translation>在多行文字栏中确定</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="231" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="232" />
      <source>Pick a listed reason (defect, not accepted)</source>
      <translation>选择列出的理由（不符合要求、不予受理）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="257" />
      <source>Everywhere</source>
      <translation>全局</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="258" />
      <source>Sign in / lock screen</source>
      <translation>登录 / 锁屏</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="260" />
      <source>Checklist</source>
      <translation>材料清单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="265" />
      <source>Rating screen (faces the applicant)</source>
      <translation>评价屏（面向申请人）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="267" />
      <source>Queue (every page of a clerk)</source>
      <translation>叫号（收件人员的每个页面）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="272" />
      <source>Catalog editor</source>
      <translation>事项目录编辑</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="275" />
      <source>Print preview</source>
      <translation>打印预览</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="276" />
      <source>Forms and dialogs</source>
      <translation>表单与对话框</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="305" />
      <location filename="../../counter_app/ui/keyhelp.py" line="308" />
      <source>Keys: %1</source>
      <translation>按键：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="313" />
      <source>Key</source>
      <translation>按键</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="313" />
      <source>Does</source>
      <translation>作用</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="356" />
      <source>Close (Esc)</source>
      <translation>关闭（Esc）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="357" />
      <source>Print the key card (Ctrl+P)</source>
      <translation>打印按键速查卡（Ctrl+P）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="374" />
      <source>Printing the key card…</source>
      <translation>正在打印按键速查卡…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="379" />
      <source>Key card: %1</source>
      <translation>按键速查卡：%1</translation>
    </message>
  </context>
  <context>
    <name>LocalSettings</name>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="46" />
      <source>This PC</source>
      <translation>本机偏好</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="55" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="59" />
      <source>A4 paper</source>
      <translation>A4 纸</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="60" />
      <source>80 mm receipt</source>
      <translation>80 mm 小票</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="61" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="67" />
      <source>Interface language:</source>
      <translation>界面语言：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="68" />
      <source>takes effect at the next start</source>
      <translation>下次启动时生效</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="69" />
      <source>Lock the screen after no input for:</source>
      <translation>无操作自动锁屏：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="70" />
      <source>(no window)</source>
      <translation>（未分配窗口）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="71" />
      <source>Default print layout of window %1:</source>
      <translation>窗口 %1 的默认打印版式：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/local_box.py" line="108" />
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
  </context>
  <context>
    <name>LoginWidget</name>
    <message>
      <location filename="../../counter_app/ui/login.py" line="32" />
      <source>Counter — comprehensive window</source>
      <translation>综合窗口受理台</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="47" />
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="47" />
      <source>Unlock</source>
      <translation>解锁</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="49" />
      <source>Switch user (Ctrl+Shift+Q)</source>
      <translation>切换用户（Ctrl+Shift+Q）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="52" />
      <source>Another colleague? Shift+Tab to the user name and sign in as yourself: %1 is signed out, an unfinished intake is kept.</source>
      <translation>换同事使用？按 Shift+Tab 回到用户名，用自己的账号登录：%1 将退出登录，未办完的收件会保留。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="55" />
      <source>Enter moves on · F1 lists the keys</source>
      <translation>回车到下一栏 · F1 查看全部按键</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="60" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="61" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/login.py" line="83" />
      <source>Enter your user name</source>
      <translation>请输入用户名</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../counter_app/ui/login_window.py" line="78" />
      <source>The database could not be opened: %1</source>
      <translation>无法打开数据库：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="76" />
      <source>Counter — comprehensive window acceptance</source>
      <translation>综合窗口受理台</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="138" />
      <source>Still working on the database, please wait… (another program, such as an import or sync, may be writing)</source>
      <translation>正在处理数据，请稍候…（也可能是台账导入或同步等其他程序正在写入）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="167" />
      <source>%1 · terminal %2</source>
      <translation>%1 · 终端 %2</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="169" />
      <source>F1 keys · Ctrl+Shift+Q switch user</source>
      <translation>F1 按键 · Ctrl+Shift+Q 切换用户</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="212" />
      <source>Nobody signed in</source>
      <translation>未登录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="225" />
      <source>Queue</source>
      <translation>叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="288" />
      <location filename="../../counter_app/ui/main_window.py" line="356" />
      <source>Screen locked</source>
      <translation>屏幕已锁定</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="288" />
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/main_window.py" line="295" />
      <source>Queue (every page)</source>
      <translation>叫号（各页面通用）</translation>
    </message>
  </context>
  <context>
    <name>NotAcceptDialog</name>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="123" />
      <source>Not accepted</source>
      <translation>不予受理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="133" />
      <source>e.g. County Public Security Bureau, household registration hall</source>
      <translation>如：县公安局户政大厅</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="137" />
      <source>Reason</source>
      <translation>理由</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="138" />
      <source>Where to go instead</source>
      <translation>告知申请人向何处申请</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="163" />
      <source>Enter the reason for not accepting</source>
      <translation>请填写不予受理的理由</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/dialogs.py" line="168" />
      <source>A not-accepted notice will be issued and printed: %1. Enter again to confirm, Esc to go back.</source>
      <translation>将出具并打印不予受理通知书（理由：%1）。再按回车确认，按 Esc 返回修改。</translation>
    </message>
  </context>
  <context>
    <name>Operations</name>
    <message>
      <location filename="../../counter_app/ui/operations.py" line="165" />
      <source>The operation did not complete</source>
      <translation>操作没有完成</translation>
    </message>
  </context>
  <context>
    <name>Pages</name>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="41" />
      <source>Receive</source>
      <translation>收件受理</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="43" />
      <source>Cases</source>
      <translation>办件查询</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="45" />
      <source>Handoff</source>
      <translation>流转交接</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="47" />
      <source>Approver desk</source>
      <translation>审批签收</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="49" />
      <source>Issue results</source>
      <translation>发证</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="51" />
      <source>Ticket desk</source>
      <translation>取号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="53" />
      <source>Consultations</source>
      <translation>咨询登记</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="55" />
      <source>Supervision</source>
      <translation>督查通报</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="57" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/pages.py" line="58" />
      <source>Home</source>
      <translation>首页</translation>
    </message>
  </context>
  <context>
    <name>PrintPreviewDialog</name>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="175" />
      <source>Print preview</source>
      <translation>打印预览</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="202" />
      <source>No printer installed</source>
      <translation>未安装打印机</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="209" />
      <source>A4</source>
      <translation>A4 纸</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="210" />
      <source>80 mm receipt</source>
      <translation>80 毫米小票</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="211" />
      <location filename="../../counter_app/ui/printing.py" line="305" />
      <source>Preparing…</source>
      <translation>正在生成……</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="214" />
      <source>Print (Ctrl+P)</source>
      <translation>打印（Ctrl+P）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="215" />
      <source>No printer: save PDF (Ctrl+P)</source>
      <translation>无打印机：存为 PDF（Ctrl+P）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="217" />
      <source>Save PDF (Ctrl+S)</source>
      <translation>存为 PDF（Ctrl+S）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="219" />
      <source>PDF folder…</source>
      <translation>PDF 文件夹…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="220" />
      <source>Close (Esc)</source>
      <translation>关闭（Esc）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="233" />
      <source>Printer</source>
      <translation>打印机</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="235" />
      <source>Layout</source>
      <translation>版式</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="277" />
      <source> (reprint)</source>
      <translation>（补打）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="281" />
      <source>Ready: %1 document(s). Ctrl+P prints, Ctrl+S saves PDF, Esc closes.</source>
      <translation>已生成 %1 份文书。Ctrl+P 打印，Ctrl+S 存为 PDF，Esc 关闭。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="322" />
      <source>Printing…</source>
      <translation>正在打印……</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="337" />
      <source>Sent to %1</source>
      <translation>已发送到 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="375" />
      <source>Saved: %1</source>
      <translation>已保存：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/printing.py" line="382" />
      <source>PDF folder</source>
      <translation>PDF 文件夹</translation>
    </message>
  </context>
  <context>
    <name>PrivacyWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="61" />
      <source>Full ID number (Ctrl+L), then Enter</source>
      <translation>完整证件号码（Ctrl+L），输入后按回车</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="65" />
      <source>e.g. the applicant asked in person</source>
      <translation>如：本人到窗口申请查阅</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="66" />
      <source>Who looked (Enter)</source>
      <translation>查阅记录（回车）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="69" />
      <source>Save report… (Ctrl+P)</source>
      <translation>保存查询报告…（Ctrl+P）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="74" />
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="75" />
      <source>Reason for the report</source>
      <translation>报告事由</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="80" />
      <source>Who looked at one person's data</source>
      <translation>谁查看过某人的个人信息</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="94" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="95" />
      <source>Save thresholds</source>
      <translation>保存预警设置</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="98" />
      <source>Check (F5)</source>
      <translation>检查（F5）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="105" />
      <source>Day</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="106" />
      <source>Warn at</source>
      <translation>预警：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="107" />
      <source>cases of other windows within</source>
      <translation>件其他窗口的办件，时段</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="111" />
      <source>Unusual volume</source>
      <translation>异常查阅量</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="120" />
      <source>Full ID numbers and phones</source>
      <translation>完整证件号码和电话</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="124" />
      <source>Reason (required for full numbers)</source>
      <translation>理由（导出完整号码时必填）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="125" />
      <source>Export cases… (Ctrl+E)</source>
      <translation>导出办件清单…（Ctrl+E）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="129" />
      <source>Received from</source>
      <translation>收件日期</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="130" />
      <source>to</source>
      <translation>至</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="135" />
      <source>Case list export</source>
      <translation>办件清单导出</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="161" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="161" />
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="215" />
      <source>Who</source>
      <translation>人员</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="161" />
      <source>Role</source>
      <translation>岗位</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="161" />
      <source>Terminal</source>
      <translation>终端</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="162" />
      <source>What</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="162" />
      <source>Case</source>
      <translation>办件</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="162" />
      <source>Details</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="163" />
      <source> (possible)</source>
      <translation>（可能）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="167" />
      <source>%1 recorded looks (this one is recorded too)</source>
      <translation>共 %1 条查阅记录（本次查询也已记入）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="175" />
      <source>Type the ID number first</source>
      <translation>请先输入证件号码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="178" />
      <source>Save personal-information report</source>
      <translation>保存个人信息查询报告</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="179" />
      <source>PDF (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="185" />
      <source>Saved: %1 (%2 cases, %3 looks)</source>
      <translation>已保存：%1（办件 %2 件，查阅记录 %3 条）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="205" />
      <source>Thresholds saved</source>
      <translation>预警设置已保存</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="215" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="215" />
      <source>Cases of other windows</source>
      <translation>其他窗口办件数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="216" />
      <source>From</source>
      <translation>起</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="216" />
      <source>To</source>
      <translation>止</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="220" />
      <source>%1 people opened unusually many cases of other windows</source>
      <translation>%1 人查看其他窗口的办件数量异常</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="224" />
      <source>No unusual volume on this day</source>
      <translation>当天没有异常的查阅量</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="229" />
      <source>Export cases</source>
      <translation>导出办件清单</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="230" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/privacy_widget.py" line="240" />
      <source>Exported %1 cases: %2</source>
      <translation>已导出 %1 件：%2</translation>
    </message>
  </context>
  <context>
    <name>QrDialog</name>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="149" />
      <source>Rate by QR code</source>
      <translation>扫码评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="157" />
      <source>Scan to rate case %1</source>
      <translation>请扫码评价办件 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/evaluation_screen.py" line="159" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>QueueBar</name>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="144" />
      <source>Open or close this window for calls</source>
      <translation>开启或关闭本窗口叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="145" />
      <source>Call the next ticket (the one served is finished)</source>
      <translation>叫下一位（正在办理的号随之办结）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="146" />
      <source>Call the same ticket again</source>
      <translation>重呼当前号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="147" />
      <source>The applicant is not present (过号)</source>
      <translation>申请人未到（过号）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="148" />
      <source>Transfer the ticket to another window or group</source>
      <translation>把当前号转到其他窗口或分组</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/keyhelp.py" line="149" />
      <source>Finish the ticket without calling the next</source>
      <translation>办结当前号，不叫下一位</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="86" />
      <source>Window </source>
      <translation>窗口 </translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="88" />
      <location filename="../../counter_app/ui/queue/window_bar.py" line="144" />
      <source>Open for calls (Ctrl+F10)</source>
      <translation>开启叫号（Ctrl+F10）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="91" />
      <location filename="../../counter_app/ui/queue/window_bar.py" line="149" />
      <source>Not calling</source>
      <translation>未开启叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="95" />
      <source>Call next (F10)</source>
      <translation>下一位（F10）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="96" />
      <source>Again (F11)</source>
      <translation>重呼（F11）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="97" />
      <source>Not present (F12)</source>
      <translation>过号（F12）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="98" />
      <source>Transfer (Shift+F11)</source>
      <translation>转窗口（Shift+F11）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="99" />
      <source>Finish (Shift+F10)</source>
      <translation>办结（Shift+F10）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="143" />
      <source>Close for calls (Ctrl+F10)</source>
      <translation>关闭叫号（Ctrl+F10）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="152" />
      <source>Serving %1</source>
      <translation>正在办理 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="154" />
      <source>Window %1: free</source>
      <translation>%1 号窗口：空闲</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="177" />
      <source>Asking the hall…</source>
      <translation>正在请求大厅服务器……</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="191" />
      <source>Window %1 open for calls</source>
      <translation>%1 号窗口已开启叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="196" />
      <source>Window closed for calls</source>
      <translation>本窗口已关闭叫号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="201" />
      <source>Open this window for calls first (Ctrl+F10)</source>
      <translation>请先开启本窗口叫号（Ctrl+F10）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="211" />
      <source>Called %1</source>
      <translation>已叫号 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="213" />
      <source>priority: %1</source>
      <translation>优先：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="223" />
      <source>Called %1 again</source>
      <translation>已重呼 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="242" />
      <source>%1 finished</source>
      <translation>%1 已办结</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="242" />
      <source>%1 marked not present</source>
      <translation>%1 已过号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="243" />
      <source>%1 transferred</source>
      <translation>%1 已转出</translation>
    </message>
  </context>
  <context>
    <name>RatingsWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="28" />
      <source>Open follow-ups only</source>
      <translation>只看待整改和申诉中</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="33" />
      <source>What was verified and fixed, or the reason</source>
      <translation>核实整改情况，或申诉理由、审核意见</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="36" />
      <source>Fixed</source>
      <translation>已整改</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="37" />
      <source>Contest</source>
      <translation>申诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="38" />
      <source>Uphold contest</source>
      <translation>申诉成立</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="39" />
      <source>Reject contest</source>
      <translation>申诉不成立</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="47" />
      <source>Bad ratings and their follow-up</source>
      <translation>差评及整改</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="63" />
      <source>Case</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="63" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="63" />
      <source>Clerk</source>
      <translation>受理人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="63" />
      <source>Grade</source>
      <translation>评价</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="64" />
      <source>Rated</source>
      <translation>评价时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="64" />
      <source>Due</source>
      <translation>整改期限</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="64" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="64" />
      <source>Notes</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="74" />
      <source>Select a rating first</source>
      <translation>请先选择一条差评</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/ratings_widget.py" line="79" />
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
  </context>
  <context>
    <name>ReconcilePanel</name>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="36" />
      <source>Check against the server</source>
      <translation>与服务器核对</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="42" />
      <source>Printed</source>
      <translation>打印时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="42" />
      <source>Document</source>
      <translation>文书</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="42" />
      <source>Reprint</source>
      <translation>补打次数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="43" />
      <source>Case number</source>
      <translation>办件编号</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="43" />
      <source>Result</source>
      <translation>核对结果</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="43" />
      <source>Detail</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="46" />
      <source>Day printed:</source>
      <translation>打印日期：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="58" />
      <source>Stand-alone: there is no server to check against</source>
      <translation>单机使用：没有服务器可供核对</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="71" />
      <source>Checking…</source>
      <translation>正在核对…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="87" />
      <source>%1 document(s) printed, %2 match the server</source>
      <translation>本机共打印 %1 份文书，%2 份与服务器一致</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="90" />
      <source>; %1 have NO record on the server: find out why now</source>
      <translation>；%1 份在服务器上没有记录，请立即查明原因</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/reconcile.py" line="93" />
      <source>; the rest are not on the server yet: sync, then check again</source>
      <translation>；其余尚未上传到服务器，请同步后再核对</translation>
    </message>
  </context>
  <context>
    <name>ResumeView</name>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="41" />
      <location filename="../../counter_app/ui/counter/resume.py" line="76" />
      <source>Record supplement (F5)</source>
      <translation>登记补正（F5）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="44" />
      <source>Back to intake (Esc)</source>
      <translation>返回收件（Esc）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="69" />
      <source>Case %1 · %2 · %3 · %4</source>
      <translation>办件 %1 · %2 · %3 · %4</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="72" />
      <source>ID number %1 · phone %2</source>
      <translation>证件号码 %1 · 电话 %2</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="75" />
      <source>Record what was brought again (F5)</source>
      <translation>登记重新提交的材料（F5）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="102" />
      <source>brought again</source>
      <translation>重新提交</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="113" />
      <source>Returned by the approver: mark what the applicant brought again (Space), then F5</source>
      <translation>审批人员已退回：请标记申请人重新提交的材料（空格），再按 F5 登记</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="115" />
      <source>%1 material(s) brought again: F5 records them</source>
      <translation>重新提交 %1 项材料：按 F5 登记</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/counter/resume.py" line="120" />
      <source>Nothing to supplement: the case is %1</source>
      <translation>无需补正：该办件%1</translation>
    </message>
  </context>
  <context>
    <name>ReturnDialog</name>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="114" />
      <source>Return the file to the front desk</source>
      <translation>退回前台</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="117" />
      <source>Case %1. The clerk will see this reason; two returns for the same item mean the clerk must be joined at the counter by an approver.</source>
      <translation>办件 %1。受理员会看到退回理由；同一事项被退回两次及以上，该受理员须由审批人员到前台共同受理。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="122" />
      <source>Reason for the return (required)</source>
      <translation>退回理由（必填）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="127" />
      <source>Enter the reason</source>
      <translation>请填写退回理由</translation>
    </message>
  </context>
  <context>
    <name>SealWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="33" />
      <source>A notice is the deciding department's act and bears its seal. Tick a notice only where the departments have authorised the hall's own seal to stand for theirs. Notices already issued keep the seal they were issued with.</source>
      <translation>通知书是作出决定的部门的行政行为，应加盖该部门的印章。只有经各部门授权以大厅印章代替部门印章的文书才可勾选。已出具的文书保留出具时的印章。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="42" />
      <source>&amp;1 Acceptance notice</source>
      <translation>受理通知书(&amp;1)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="43" />
      <source>&amp;2 One-time notice of what to supplement</source>
      <translation>一次性告知单(&amp;2)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="44" />
      <source>&amp;3 Notice of non-acceptance</source>
      <translation>不予受理通知书(&amp;3)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="51" />
      <source>Save (Ctrl+Enter)</source>
      <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="56" />
      <source>Seal &amp;text</source>
      <translation>印章名称(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="62" />
      <source>May be printed on</source>
      <translation>可加盖于</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="89" />
      <source>Not set yet: the catalog's hall section decides for now.</source>
      <translation>尚未设置：目前按事项目录中大厅部分的规定执行。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="99" />
      <source>Saved: the hall's seal “%1” may be printed on %2 kind(s) of notice.</source>
      <translation>已保存：大厅印章“%1”可加盖于 %2 种文书。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/seal_widget.py" line="101" />
      <source>It goes to the hall service with the next sync.</source>
      <translation>下次同步时提交大厅服务器。</translation>
    </message>
  </context>
  <context>
    <name>ServerSettings</name>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="37" />
      <source>Hall server (sync)</source>
      <translation>大厅服务器（数据同步）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="39" />
      <source>Stand-alone: this PC works on its own, no server</source>
      <translation>单机使用：本机独立工作，不连接服务器</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="40" />
      <source>Sync with the hall's shared database</source>
      <translation>与大厅共享数据库同步</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="54" />
      <source>PostgreSQL: postgresql+psycopg://user@server:5432/database. The smallest hall may share a SQLite file on this PC's own disk (never on a network share): sqlite:///D:/counter/shared.sqlite3</source>
      <translation>PostgreSQL 格式：postgresql+psycopg://用户名@服务器地址:5432/数据库名。规模最小的大厅可共用一个 SQLite 文件，该文件必须在服务器本机磁盘上（不能放在网络共享文件夹）：sqlite:///D:/counter/shared.sqlite3</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="59" />
      <location filename="../../counter_app/ui/settings/server_box.py" line="157" />
      <source>Test connection</source>
      <translation>测试连接</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="62" />
      <source>Save server setting</source>
      <translation>保存服务器设置</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="70" />
      <source>Server address:</source>
      <translation>服务器地址：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="71" />
      <source>Password:</source>
      <translation>密码：</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="84" />
      <source>Only a supervisor can change the hall server setting.</source>
      <translation>只有管理人员可以更改服务器设置；如需更改，请联系管理人员。</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="109" />
      <source>saved; leave empty to keep it</source>
      <translation>已保存，留空则不变</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="139" />
      <location filename="../../counter_app/ui/settings/server_box.py" line="163" />
      <source>Enter the server address first</source>
      <translation>请先填写服务器地址</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="142" />
      <source>Testing…</source>
      <translation>正在测试…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="143" />
      <source>Connecting to %1 …</source>
      <translation>正在连接 %1 …</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="172" />
      <source>Saved: this PC syncs with %1</source>
      <translation>已保存：本机将与 %1 同步</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/server_box.py" line="173" />
      <source>Saved: stand-alone, no sync</source>
      <translation>已保存：单机使用，不同步</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../counter_app/ui/settings/page.py" line="42" />
      <source>This counter</source>
      <translation>本机设置</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/page.py" line="50" />
      <source>Sync conflicts</source>
      <translation>同步冲突</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/settings/page.py" line="51" />
      <source>Reconciliation</source>
      <translation>打印对账</translation>
    </message>
  </context>
  <context>
    <name>StaffWidget</name>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="35" />
      <source>Staffing plan</source>
      <translation>人员配置</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="36" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="86" />
      <source>Staff</source>
      <translation>工作人员</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="37" />
      <source>Training and authorization</source>
      <translation>培训与授权</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="43" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="81" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="110" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="117" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="123" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="127" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="44" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="127" />
      <source>Item</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="47" />
      <source>Window or item code</source>
      <translation>窗口编码或事项编码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="53" />
      <source>Record stage</source>
      <translation>记录阶段</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="56" />
      <source>Person</source>
      <translation>人员</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="57" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="123" />
      <source>Scope</source>
      <translation>范围</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="58" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="124" />
      <source>Code</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="59" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="124" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="60" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="125" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="62" />
      <source>Training stage / authorization</source>
      <translation>培训阶段 / 授权</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="75" />
      <source>Add staff</source>
      <translation>新增人员</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="76" />
      <source>Deactivate selected</source>
      <translation>停用所选人员</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="78" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="117" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="79" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="117" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="123" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="80" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="82" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="118" />
      <source>Employer</source>
      <translation>人员来源</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="83" />
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="118" />
      <source>Roles</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="110" />
      <source>Staffed by</source>
      <translation>人员来源</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="110" />
      <source>Planned</source>
      <translation>计划人数</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="111" />
      <source>Registered</source>
      <translation>在册</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="111" />
      <source>On duty today</source>
      <translation>今日在岗</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="111" />
      <source>Gap</source>
      <translation>缺口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="114" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="118" />
      <source>Active</source>
      <translation>在用</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="124" />
      <source>Set by</source>
      <translation>设定人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="125" />
      <source>Set at</source>
      <translation>设定时间</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="134" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="149" />
      <source>Choose a person and enter the window or item code</source>
      <translation>请选择人员并填写窗口或事项编码</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="153" />
      <source>Training stage recorded</source>
      <translation>培训阶段已记录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="161" />
      <source>Staff added</source>
      <translation>已新增人员</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="166" />
      <source>Select a person in the staff list</source>
      <translation>请在人员列表中选择一人</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/staff_widget.py" line="169" />
      <source>Deactivated</source>
      <translation>已停用</translation>
    </message>
  </context>
  <context>
    <name>Style</name>
    <message>
      <location filename="../../counter_app/ui/approver/style.py" line="93" />
      <source>%1 min</source>
      <translation>%1 分钟</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/style.py" line="95" />
      <source>%1 hours</source>
      <translation>%1 小时</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/style.py" line="96" />
      <source>%1 days</source>
      <translation>%1 天</translation>
    </message>
  </context>
  <context>
    <name>SupervisionPage</name>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="38" />
      <source>Bulletin</source>
      <translation>通报</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="39" />
      <source>Deadlines</source>
      <translation>临期超期</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="40" />
      <source>Complaints</source>
      <translation>投诉</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="41" />
      <source>Bad ratings</source>
      <translation>差评整改</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="42" />
      <source>Staff and training</source>
      <translation>人员与培训</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="43" />
      <source>Catalog</source>
      <translation>事项目录</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="44" />
      <location filename="../../counter_app/ui/supervision/page.py" line="71" />
      <source>Holidays</source>
      <translation>节假日安排</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="45" />
      <source>Personal data</source>
      <translation>个人信息</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="46" />
      <source>Audit</source>
      <translation>审计</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="47" />
      <source>Hall seal</source>
      <translation>大厅印章</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/supervision/page.py" line="71" />
      <source>Holidays (next year missing)</source>
      <translation>节假日安排（明年未录入）</translation>
    </message>
  </context>
  <context>
    <name>SyncIndicator</name>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="200" />
      <source>Stand-alone</source>
      <translation>单机</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="200" />
      <source>Syncing…</source>
      <translation>正在同步…</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="201" />
      <source>Online</source>
      <translation>在线</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="201" />
      <source>Offline</source>
      <translation>离线</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="204" />
      <source>%1 waiting</source>
      <translation>待上传 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="206" />
      <source>synced %1</source>
      <translation>同步于 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="208" />
      <source>%1 conflicts</source>
      <translation>冲突 %1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="215" />
      <source>Stand-alone: no hall server is set (Settings page)</source>
      <translation>单机使用：未设置大厅服务器（见“设置”页）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="218" />
      <source>Server: %1</source>
      <translation>服务器：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="219" />
      <source>never</source>
      <translation>从未</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="220" />
      <source>Last sync: %1</source>
      <translation>上次同步：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="221" />
      <source>Changes waiting to be sent: %1</source>
      <translation>待上传的改动：%1 条</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="223" />
      <source>Last error: %1</source>
      <translation>上次出错：%1</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="226" />
      <source>Retrying in about %1 s</source>
      <translation>约 %1 秒后重试</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/sync_status.py" line="227" />
      <source>Click to sync now</source>
      <translation>点击立即同步</translation>
    </message>
  </context>
  <context>
    <name>TransferDialog</name>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="50" />
      <source>Transfer the ticket</source>
      <translation>转窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="55" />
      <source> (closed)</source>
      <translation>（未开放）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="56" />
      <source>Window %1</source>
      <translation>%1 号窗口</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="58" />
      <source>Queue of %1</source>
      <translation>%1 队列</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/queue/window_bar.py" line="64" />
      <source>Transfer to (↑/↓, Enter):</source>
      <translation>转到（↑/↓ 选择，回车确定）：</translation>
    </message>
  </context>
  <context>
    <name>_Form</name>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="45" />
      <source>Confirm (Ctrl+Enter)</source>
      <translation>确定（Ctrl+Enter）</translation>
    </message>
    <message>
      <location filename="../../counter_app/ui/approver/dialogs.py" line="46" />
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
  </context>
  <context>
    <name>QAbstractFileIconProvider</name>
    <message>
      <source>Drive</source>
      <translation>驱动器</translation>
    </message>
    <message>
      <source>Folder</source>
      <comment>All other platforms</comment>
      <translation>文件夹</translation>
    </message>
    <message>
      <source>File</source>
      <comment>All other platforms</comment>
      <translation>文件</translation>
    </message>
    <message>
      <source>%1 File</source>
      <comment>%1 is a file name suffix, for example txt</comment>
      <translation>%1 文件</translation>
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>&amp;Look in:</source>
      <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
      <source>File &amp;name:</source>
      <translation>文件名(&amp;N)：</translation>
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>打开(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Choose</source>
      <translation>选择(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Delete</source>
      <translation>删除(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Rename</source>
      <translation>重命名(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;New Folder</source>
      <translation>新建文件夹(&amp;N)</translation>
    </message>
    <message>
      <source>Show &amp;hidden files</source>
      <translation>显示隐藏文件(&amp;H)</translation>
    </message>
    <message>
      <source>All Files (*)</source>
      <translation>所有文件 (*)</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>后退</translation>
    </message>
    <message>
      <source>Forward</source>
      <translation>前进</translation>
    </message>
    <message>
      <source>Go back</source>
      <translation>后退</translation>
    </message>
    <message>
      <source>Go forward</source>
      <translation>前进</translation>
    </message>
    <message>
      <source>Parent Directory</source>
      <translation>上一级目录</translation>
    </message>
    <message>
      <source>Go to the parent directory</source>
      <translation>转到上一级目录</translation>
    </message>
    <message>
      <source>Create New Folder</source>
      <translation>新建文件夹</translation>
    </message>
    <message>
      <source>Create a New Folder</source>
      <translation>新建一个文件夹</translation>
    </message>
    <message>
      <source>List View</source>
      <translation>列表视图</translation>
    </message>
    <message>
      <source>Detail View</source>
      <translation>详细视图</translation>
    </message>
    <message>
      <source>Change to list view mode</source>
      <translation>切换到列表视图</translation>
    </message>
    <message>
      <source>Change to detail view mode</source>
      <translation>切换到详细视图</translation>
    </message>
    <message>
      <source>Sidebar</source>
      <translation>侧边栏</translation>
    </message>
    <message>
      <source>List of places and bookmarks</source>
      <translation>位置和书签列表</translation>
    </message>
    <message>
      <source>Files</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Directories</source>
      <translation>文件夹</translation>
    </message>
    <message>
      <source>Directory:</source>
      <translation>文件夹：</translation>
    </message>
    <message>
      <source>Find Directory</source>
      <translation>选择文件夹</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>Save As</source>
      <translation>另存为</translation>
    </message>
    <message>
      <source>New Folder</source>
      <translation>新建文件夹</translation>
    </message>
    <message>
      <source>Recent Places</source>
      <translation>最近访问的位置</translation>
    </message>
    <message>
      <source>%1 already exists.
Do you want to replace it?</source>
      <translation>%1 已存在。
要替换它吗？</translation>
    </message>
    <message>
      <source>Are you sure you want to delete '%1'?</source>
      <translation>确定要删除“%1”吗？</translation>
    </message>
    <message>
      <source>%1
File not found.
Please verify the correct file name was given.</source>
      <translation>%1
找不到文件。
请检查文件名是否正确。</translation>
    </message>
    <message>
      <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
      <translation>%1
找不到文件夹。
请检查文件夹名是否正确。</translation>
    </message>
  </context>
  <context>
    <name>QFileSystemModel</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <source>Type</source>
      <comment>All other platforms</comment>
      <translation>类型</translation>
    </message>
    <message>
      <source>Date Modified</source>
      <translation>修改日期</translation>
    </message>
    <message>
      <source>Computer</source>
      <translation>计算机</translation>
    </message>
    <message>
      <source>My Computer</source>
      <translation>我的电脑</translation>
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>OK</source>
      <translation>确定</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>是(&amp;Y)</translation>
    </message>
    <message>
      <source>&amp;No</source>
      <translation>否(&amp;N)</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>应用</translation>
    </message>
  </context>
</TS>