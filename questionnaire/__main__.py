from questionnaire.cli import main

raise SystemExit(main())
