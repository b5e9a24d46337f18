package io.inetpublish.customer.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.inetpublish.common.event.Actor;
import io.inetpublish.customer.component.ComponentCatalog;
import io.inetpublish.customer.component.ComponentKind;
import io.inetpublish.customer.component.ComponentRepository;
import io.inetpublish.customer.customer.CustomerRepository;
import io.inetpublish.customer.customer.CustomerService;
import io.inetpublish.customer.envcomponent.EnvironmentComponentService;
import io.inetpublish.customer.envcomponent.EnvironmentVersions.Target;
import io.inetpublish.customer.environment.EnvironmentService;
import io.inetpublish.customer.environment.EnvironmentType;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo data for a first look (`./inetpublish up` sets {@code INETPUBLISH_DEMO_DATA=true}): a component catalog with
 * mainline versions, the vendor's internal test environments, and three customers with test and production
 * environments running a realistic spread of versions; customers carry a region tag and a rollout ring (试点 the pilot,
 * 第一批 the first wave), so a rollout can be aimed at a ring (at or behind the mainline CI reported, see MAIN_BUILDS). Loaded once: only into a database without customers. Owners
 * are the sandbox's demo users (Feishu open_ids), so their notifications reach the sandbox inbox.
 */
@Slf4j
@Service
@RequiredArgsConstructor
@ConditionalOnBooleanProperty(name = "inetpublish.demo-data")
class DemoData implements ApplicationRunner {

    static final String ZHANG_SAN = "ou_5ad573a6411d72b8305fda3a9c15c70e";
    static final String LI_SI = "ou_7dab8a3d3cdcc9da365777c7ad535d62";
    static final String WANG_WU = "ou_84aad35d084aa403a838cf73ee18467b";

    private static final Actor DEMO = new Actor("demo", "demo");
    private static final Actor DEMO_CI = new Actor("demo-ci", "Jenkins 主干构建");

    /**
     * Mainline after the main-branch builds of the versions the demo's two release records bring (the launcher's
     * load_demo submits them: gateway 2.3.5 and report-web v1.8.3, print-templates 2026.08.15-b120 and base-config
     * 1.12.1), reported by CI as a real pipeline would: every environment is then at or behind mainline (the
     * deliberate hotfix aside) and the release records are what brings them there.
     */
    private static final Map<String, String[]> MAIN_BUILDS = Map.of(
            "gateway", new String[] {"2.3.5", "main#412", "9f3c2a1"},
            "report-web", new String[] {"v1.8.3", "main#208", "41be7d0"},
            "print-templates", new String[] {"2026.08.15-b120", "main#120", "c07d5e2"},
            "base-config", new String[] {"1.12.1", "main#57", "e2a9b44"});

    private static final Map<String, String[]> CATALOG = new LinkedHashMap<>();

    static {
        CATALOG.put("gateway", new String[] {"API 网关", "2.3.4", "SERVICE", "平台组"});
        CATALOG.put("report-web", new String[] {"报表前端", "v1.8.2", "FRONTEND", "前端组"});
        CATALOG.put("billing-service", new String[] {"计费服务", "3.1.0", "SERVICE", "计费组"});
        CATALOG.put("user-center", new String[] {"用户中心", "2.0.7", "SERVICE", "平台组"});
        CATALOG.put("workflow-engine", new String[] {"流程引擎", "4.2.0", "SERVICE", "流程组"});
        CATALOG.put("print-templates", new String[] {"打印模板", "2026.07.01-b113", "TEMPLATE", "实施组"});
        CATALOG.put("base-config", new String[] {"基础配置", "1.12.0", "CONFIGURATION", "实施组"});
    }

    private final CustomerRepository customerRepository;
    private final ComponentRepository components;
    private final ComponentCatalog catalog;
    private final CustomerService customers;
    private final EnvironmentService environments;
    private final EnvironmentComponentService environmentComponents;

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (customerRepository.count() > 0) {
            return;
        }
        CATALOG.forEach((name, info) -> {
            if (components.findById(name).isEmpty()) {
                catalog.create(name, new ComponentCatalog.Details(ComponentKind.valueOf(info[2]), info[0], info[3]),
                        info[1], DEMO);
            } else {
                catalog.setMainlineByHand(name, info[1], DEMO);
            }
            String[] build = MAIN_BUILDS.get(name);
            if (build != null) {
                catalog.report(name, build[0], build[1], build[2], DEMO_CI);
            }
        });

        UUID vendor = customer("本公司测试中心", "INTERNAL", "内部测试环境（部署测试的目标）", ZHANG_SAN, Set.of("internal"));
        environment(vendor, "测试环境 A", EnvironmentType.TEST, "test-env-a", mainlineMinus(0));
        environment(vendor, "测试环境 B", EnvironmentType.TEST, "test-env-b", mainlineMinus(1));

        UUID grid = customer("华东电力", "HDDL", "王工 138-0000-0001", LI_SI, Set.of("华东", "试点"));
        environment(grid, "测试", EnvironmentType.TEST, null, mainlineMinus(0));
        environment(grid, "生产", EnvironmentType.PROD, null, mainlineMinus(1));

        UUID metro = customer("深圳地铁", "SZDT", "刘工 139-0000-0002", WANG_WU, Set.of("华南", "第一批"));
        environment(metro, "UAT", EnvironmentType.TEST, null, mainlineMinus(1));
        environment(metro, "生产", EnvironmentType.PROD, null, mainlineMinus(2));

        UUID bank = customer("成都农商银行", "CDRCB", "陈经理 137-0000-0003", LI_SI, Set.of("西南", "第一批"));
        environment(bank, "生产", EnvironmentType.PROD, null, mainlineMinus(2));
        environment(bank, "灾备", EnvironmentType.OTHER, null, mainlineMinus(2));
        log.info("Loaded demo data: {} components, 4 customers with environments", CATALOG.size());
    }

    private UUID customer(String name, String code, String contact, String owner, Set<String> tags) {
        // written as its open_id, the way data from before owners were people looks; the owner migration matches it
        return customers.create(new CustomerService.Details(name, code, contact,
                io.inetpublish.customer.customer.Customer.Owner.legacy(owner), tags, null)).getId();
    }

    private void environment(UUID customer, String name, EnvironmentType type, String jenkinsTarget,
            List<Target> versions) {
        UUID id = environments.create(customer, new EnvironmentService.Details(name, type, jenkinsTarget != null,
                jenkinsTarget, null)).getId();
        environmentComponents.setMany(id, versions);
    }

    /**
     * The catalog's versions, {@code steps} releases behind mainline for some components (user-center's step 1 is a
     * hotfix of mainline 2.0.7, so ahead of it).
     */
    private static List<Target> mainlineMinus(int steps) {
        String[][] older = {
                {"2.3.4", "2.3.1", "2.2.0"},
                {"v1.8.2", "v1.8.0", "v1.7.9"},
                {"3.1.0", "3.1.0", "3.0.5"},
                {"2.0.7", "2.0.7-hotfix.1", "2.0.3"},
                {"4.2.0", "4.1.10", "4.1.2"},
                {"2026.07.01-b113", "2026.07.01-b113", "2026.05.20-b090"},
                {"1.12.0", "1.11.3", "1.11.3"}};
        String[] names = CATALOG.keySet().toArray(String[]::new);
        return IntStream.range(0, names.length)
                .mapToObj(i -> new Target(names[i], older[i][steps])).toList();
    }
}
